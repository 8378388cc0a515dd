package io.offswitch.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.offswitch.ExitCode;
import io.offswitch.OffswitchException;

/**
 * The project's one configured JSON mapper: instants as ISO-8601 strings, Optionals as their value or
 * null, map keys sorted so that the same record always gives the same bytes (a result written twice is
 * the same result), and unknown fields ignored so that older versions can read newer records.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder(new JsonFactory().setCharacterEscapes(new SurrogateEscapes()))
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {}

    /**
     * Writes every UTF-16 surrogate as a {@code \\uXXXX} escape. Model output may hold a lone one (a JSON
     * {@code "\\ud800"} from a provider decodes to it), which UTF-8, and so the SQLite store, cannot hold:
     * written raw it would come back as "?". Escaped, the text stays ASCII there and reads back exactly
     * as received; characters outside the BMP simply appear as their escaped pair.
     */
    private static final class SurrogateEscapes extends CharacterEscapes {
        private final int[] ascii = standardAsciiEscapesForJSON();

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return Character.isSurrogate((char) ch) && ch <= 0xFFFF ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }

    /** The shared mapper; thread-safe, do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** One line of JSON. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw cannotWrite(value, e);
        }
    }

    /** Indented JSON for people to read. */
    public static String writePretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw cannotWrite(value, e);
        }
    }

    /** Parses {@code json} as a {@code type}; {@code origin} says where it came from, for the error message. */
    public static <T> T read(String json, Class<T> type, String origin) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new OffswitchException(ExitCode.FAILURE,
                    "cannot read " + type.getSimpleName() + " from " + origin + ": " + e.getOriginalMessage(), e);
        }
    }

    private static OffswitchException cannotWrite(Object value, JsonProcessingException e) {
        // Only a bug in our own types gets here; say which type so it can be fixed.
        return new OffswitchException(ExitCode.FAILURE,
                "cannot encode " + value.getClass().getName() + " as JSON: " + e.getOriginalMessage(), e);
    }
}
