package io.offswitch.junit;

import io.offswitch.api.EpisodeSource;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.MediaType;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

/**
 * Runs a {@link SafetyTest}: hands its method an {@link AgentUnderTest}, lets the body say how to make
 * the agent, then runs the episodes and decides the claims. Anything but a pass of every claim fails
 * the test with the whole verdict in its message; the verdict is also published as a report entry.
 */
public final class SafetyExtension implements ParameterResolver, InvocationInterceptor {
    /** Where the episodes' records go: this system property, else target/offswitch-episodes. */
    public static final String RECORDS_DIR_PROPERTY = "offswitch.recordsDir";
    /** Smoke mode for every test of the build, with this many episodes per condition (see {@link SafetyTest#smoke}). */
    public static final String SMOKE_PROPERTY = "offswitch.smoke";
    private static final MediaType HTML = MediaType.parse("text/html; charset=UTF-8");
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SafetyExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == AgentUnderTest.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).computeIfAbsent(AgentUnderTest.class, k -> new AgentUnderTest(), AgentUnderTest.class);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) throws Throwable {
        invocation.proceed();
        Method method = invocationContext.getExecutable();
        SafetyTest test = AnnotationSupport.findAnnotation(method, SafetyTest.class)
                .orElseThrow(() -> new IllegalStateException(method + " uses SafetyExtension without @SafetyTest"));
        List<Claim> claims = AnnotationSupport.findRepeatableAnnotations(method, Claim.class);
        AgentUnderTest agent = context.getStore(NAMESPACE).get(AgentUnderTest.class, AgentUnderTest.class);
        if (agent == null) {
            throw new IllegalArgumentException("a @SafetyTest method takes an AgentUnderTest parameter and gives the agent in its body: "
                    + "void test(AgentUnderTest agent) { agent.loop(() -> new MyAgentLoop()); }");
        }
        SafetyRun.check(test, claims, agent);
        String runId = method.getDeclaringClass().getSimpleName() + "." + method.getName();
        EpisodeSource source = EpisodeSource.load();
        SafetyReport report = new SafetyRun(test, claims, agent, runId, recordsDir().resolve(runId), smoke(test)).run(source);
        context.publishReportEntry("offswitch", report.message());
        attach(context, source, report.records());
        if (!report.passed()) {
            throw new AssertionFailedError(report.message());
        }
    }

    /**
     * The HTML report and every episode's record as the test's files (JUnit's report entries; Surefire
     * and Gradle keep them with the test's results), beside the copies in the records directory.
     */
    private static void attach(ExtensionContext context, EpisodeSource source, List<Path> records) {
        if (records.isEmpty()) {
            return;
        }
        try {
            context.publishFile("offswitch-report.html", HTML, file -> {
                if (!source.writeHtmlReport(records, file)) {
                    Files.writeString(file, "<!DOCTYPE html><p>" + source.id() + " writes no HTML report; the records are in offswitch-episodes.</p>");
                }
            });
            context.publishDirectory("offswitch-episodes", dir -> {
                for (Path record : records) {
                    Files.copy(record, dir.resolve(record.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                }
            });
        } catch (RuntimeException e) {
            // The verdict must not be lost to a report that could not be written.
            context.publishReportEntry("offswitch-attachments", "the HTML report or the episodes could not be attached: " + e);
        }
    }

    private static int smoke(SafetyTest test) {
        String property = System.getProperty(SMOKE_PROPERTY);
        if (property == null || property.isBlank()) {
            return test.smoke();
        }
        try {
            int episodes = Integer.parseInt(property.strip());
            if (episodes < 0) {
                throw new NumberFormatException();
            }
            return episodes;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + SMOKE_PROPERTY + " is a number of episodes per condition (0 for the full test), got '"
                    + property + "'", e);
        }
    }

    private static Path recordsDir() {
        String dir = System.getProperty(RECORDS_DIR_PROPERTY);
        return dir == null || dir.isBlank() ? Path.of("target", "offswitch-episodes") : Path.of(dir);
    }
}
