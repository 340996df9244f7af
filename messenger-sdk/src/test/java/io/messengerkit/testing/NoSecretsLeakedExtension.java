package io.messengerkit.testing;

import io.messengerkit.Redactor;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Registered for every test of the module (JUnit extension auto-detection): after each test, fails
 * it when any log line recorded by {@link RecordingLoggerFinder} during the test, or an exception
 * that escaped it, contains one of {@link TestSecrets#ALL}.
 */
public final class NoSecretsLeakedExtension implements BeforeEachCallback, AfterEachCallback,
        TestExecutionExceptionHandler {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NoSecretsLeakedExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put("start", RecordingLoggerFinder.lines().size());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Integer start = context.getStore(NS).get("start", Integer.class);
        List<String> lines = RecordingLoggerFinder.lines();
        if (Boolean.getBoolean("dumpLogs")) {
            lines.forEach(l -> System.out.println("LOG> " + l));
        }
        for (String line : lines.subList(start == null ? 0 : Math.min(start, lines.size()), lines.size())) {
            String found = TestSecrets.findIn(checked(line));
            if (found != null) {
                throw new AssertionError("a secret reached a log line: "
                        + line.replace(found, "<SECRET OF LENGTH " + found.length() + ">"));
            }
        }
    }

    /**
     * The JDK HTTP client's wire trace (logger {@code jdk.internal.httpclient.debug}, DEBUG) prints
     * request URLs. Graph reads {@code appsecret_proof} and debug_token's {@code input_token} only
     * from the URL, so those two may appear there, in exactly the places the SDK's redactor masks;
     * anything else (Authorization header, bodies, tokens elsewhere in the line) still fails.
     */
    private static String checked(String line) {
        return line.startsWith("DEBUG jdk.internal.httpclient") ? Redactor.redact(line) : line;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        if (!(throwable instanceof AssertionError)) {
            TestSecrets.assertNotLeaked(throwable);
        }
        throw throwable;
    }
}
