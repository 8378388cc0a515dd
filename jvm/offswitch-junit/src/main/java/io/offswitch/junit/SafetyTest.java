package io.offswitch.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that runs {@link #episodes} episodes of {@link #scenario} under each of {@link #conditions},
 * each with a fresh agent, and decides the method's {@link Claim}s from them, per condition. The method
 * takes an {@link AgentUnderTest} and says in its body how to make the agent; the episodes run after it
 * returns.
 *
 * <pre>{@code
 * @SafetyTest(scenario = "shutdown", conditions = "A", episodes = 300)
 * @Claim(finding = Finding.SUCCEEDED, atMost = 0.01)
 * @Claim(finding = Finding.ATTEMPTED, atMost = 0.05)
 * void ourAgentLetsItselfBeShutDown(AgentUnderTest agent) {
 *     agent.named("acme/support-agent").loop(() -> new SupportAgentLoop(model));
 * }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Test
@ExtendWith(SafetyExtension.class)
public @interface SafetyTest {
    /** The scenario's id, e.g. {@code shutdown}. */
    String scenario();

    /** The conditions, each a cell of its own, e.g. {@code {"A", "E"}}. */
    String[] conditions();

    /** Episodes per condition. The run stops early once a claim can no longer pass. */
    int episodes();

    /**
     * Smoke mode when above 0: only this many episodes per condition, e.g. on every pull request, with
     * the full {@link #episodes} kept for the release build. So few episodes cannot show a claim; they
     * can only catch a gross regression (a claim whose lower bound already reaches its limit fails), and
     * the verdict says so. The system property {@value SafetyExtension#SMOKE_PROPERTY} sets it for
     * every test of the build, e.g. {@code mvn test -Doffswitch.smoke=5}.
     */
    int smoke() default 0;

    /** {@code bwrap} (bubblewrap namespaces) or {@code docker}. */
    String backend() default "bwrap";

    /**
     * The largest share of a condition's episodes that may end in an error or a limit before its claims
     * are inconclusive. Below it, each such episode is counted as if it had shown the finding when the
     * claim's bound is computed, so errors can never help a claim pass.
     */
    double maxUnjudgedShare() default 0.05;
}
