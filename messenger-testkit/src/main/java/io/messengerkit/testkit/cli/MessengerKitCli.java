package io.messengerkit.testkit.cli;

import io.messengerkit.AppSecret;
import io.messengerkit.testkit.emulator.DemoWorld;
import io.messengerkit.testkit.emulator.PlatformEmulator;
import io.messengerkit.testkit.trigger.TestEvent;
import io.messengerkit.testkit.trigger.WebhookDelivery;
import io.messengerkit.testkit.trigger.WebhookPayload;
import io.messengerkit.testkit.trigger.WebhookTrigger;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Command line for the testkit: fire signed webhook events at a running app, run the
 * verification handshake, or run the platform emulator on its own.
 *
 * <pre>
 * java -jar messenger-testkit-VERSION-cli.jar trigger message --to http://127.0.0.1:8080/webhook --text hi
 * java -jar messenger-testkit-VERSION-cli.jar trigger postback --to URL --payload GET_STARTED --title "Get Started"
 * java -jar messenger-testkit-VERSION-cli.jar verify --to URL --verify-token TOKEN
 * java -jar messenger-testkit-VERSION-cli.jar emulator --port 8089 --callback http://127.0.0.1:8080/webhook --demo
 * </pre>
 *
 * The app secret comes from {@code --secret} or, better (command lines are visible to other
 * users of the machine), from the {@code MESSENGER_APP_SECRET} environment variable.
 */
public final class MessengerKitCli {
    static final String USAGE = """
            Usage:
              trigger <event> --to URL [options]     POST a signed webhook event to an app's callback URL
                events:
                  message       --text TEXT
                  quick-reply   --text TITLE --payload PAYLOAD
                  postback      --title TITLE --payload PAYLOAD
                  reaction      --mid MID [--reaction love] [--emoji E] [--unreact]
                  read          [--watermark EPOCH_MS]
                  delivery      [--mid MID] [--watermark EPOCH_MS]
                  echo          --text TEXT [--app-id APP_ID]   (no --app-id: a person typed in the Page inbox)
                options:
                  --secret S          app secret (default: $MESSENGER_APP_SECRET)
                  --page ID           page id; repeat it to build one delivery with an entry per page
                                      (default 200000000000001)
                  --psid ID           sender's page-scoped id (default 2400000000000001)
                  --duplicate N       post the same signed bytes N times (redelivery)
                  --concurrent        with --duplicate: post the copies at once
                  --bad-signature     sign with a wrong secret, to see the app reject the delivery
                  --expect STATUS     exit 0 only if every answer has this status (default: any 2xx)
                  --print             also print the body and signature sent
              verify --to URL --verify-token T [--challenge C]   run Meta's hub.challenge handshake
              emulator [--port 8089] [--callback URL] [--app-id ID] [--secret S] [--page-size N] [--demo]
                                                     run the platform emulator until interrupted
            """;

    private MessengerKitCli() {
    }

    /** Runs the command and exits with its status. */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err, System.getenv());
        if (status != 0 || !(args.length > 0 && args[0].equals("emulator"))) {
            System.exit(status);
        }
    }

    /**
     * Runs a command.
     *
     * @return the process exit status: 0 success, 1 the app answered unexpectedly, 2 usage error
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        try {
            if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
                out.print(USAGE);
                return args.length == 0 ? 2 : 0;
            }
            return switch (args[0]) {
                case "trigger" -> trigger(Arrays.copyOfRange(args, 1, args.length), out, env);
                case "verify" -> verify(Options.parse(Arrays.copyOfRange(args, 1, args.length)), out);
                case "emulator" -> emulator(Options.parse(Arrays.copyOfRange(args, 1, args.length)), out, env);
                default -> throw new UsageException("unknown command: " + args[0]);
            };
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
    }

    private static int trigger(String[] args, PrintStream out, Map<String, String> env) {
        if (args.length == 0) {
            throw new UsageException("trigger needs an event name");
        }
        String event = args[0];
        Options options = Options.parse(Arrays.copyOfRange(args, 1, args.length));
        URI to = options.uri("to");
        AppSecret secret = secret(options, env);
        List<String> pages = options.all("page");
        if (pages.isEmpty()) {
            pages = List.of("200000000000001");
        }
        String psid = options.get("psid", "2400000000000001");
        List<TestEvent> events = new ArrayList<>();
        for (String page : pages) {
            events.add(event(event, page, psid, options));
        }
        WebhookPayload payload = WebhookPayload.of(events);
        AppSecret signing = options.flag("bad-signature") ? AppSecret.of(secret.reveal() + "-tampered") : secret;
        WebhookTrigger trigger = WebhookTrigger.to(to, signing);
        if (options.flag("print")) {
            byte[] body = payload.toBytes();
            out.println(new String(body, StandardCharsets.US_ASCII));
            out.println("X-Hub-Signature-256: " + trigger.signer().signature256(body));
        }
        int copies = options.integer("duplicate", 1);
        List<WebhookDelivery> answers = copies == 1 ? List.of(trigger.send(payload))
                : options.flag("concurrent") ? trigger.sendConcurrently(payload, copies)
                : trigger.sendDuplicated(payload, copies);
        Integer expected = options.has("expect") ? options.integer("expect", 200) : null;
        boolean allAsExpected = true;
        for (WebhookDelivery answer : answers) {
            out.println("POST " + to + " -> " + (answer.status() == 0 ? "no answer" : answer.status()) + " "
                    + abbreviate(answer.body()));
            boolean ok = expected == null ? answer.accepted() : answer.status() == expected;
            allAsExpected &= ok;
        }
        return allAsExpected ? 0 : 1;
    }

    private static TestEvent event(String name, String page, String psid, Options o) {
        return switch (name) {
            case "message" -> TestEvent.text(page, psid, o.required("text"));
            case "quick-reply" -> TestEvent.quickReply(page, psid, o.required("text"), o.required("payload"));
            case "postback" -> TestEvent.postback(page, psid, o.get("title", o.required("payload")),
                    o.required("payload"));
            case "reaction" -> TestEvent.reaction(page, psid, o.required("mid"), o.get("reaction", "love"),
                    o.get("emoji", "\u2764\ufe0f"), !o.flag("unreact"));
            case "read" -> TestEvent.read(page, psid, o.longValue("watermark", System.currentTimeMillis()));
            case "delivery" -> TestEvent.delivery(page, psid, o.all("mid"),
                    o.longValue("watermark", System.currentTimeMillis()));
            case "echo" -> TestEvent.echo(page, psid, o.required("text"), o.get("app-id", null));
            default -> throw new UsageException("unknown event: " + name);
        };
    }

    private static int verify(Options options, PrintStream out) {
        URI to = options.uri("to");
        String challenge = options.get("challenge", Long.toString(System.nanoTime() & 0x3fffffffL));
        WebhookDelivery answer = WebhookTrigger.to(to, AppSecret.of("unused-for-verification"))
                .verify(options.required("verify-token"), challenge);
        boolean ok = answer.status() == 200 && challenge.equals(answer.body());
        out.println("GET " + to + " hub.challenge=" + challenge + " -> " + answer.status() + " "
                + abbreviate(answer.body()) + (ok ? " (verified)" : " (NOT verified)"));
        return ok ? 0 : 1;
    }

    private static int emulator(Options options, PrintStream out, Map<String, String> env) {
        PlatformEmulator.Builder builder = PlatformEmulator.builder().port(options.integer("port", 8089))
                .pageSize(options.integer("page-size", 25));
        if (options.has("app-id")) {
            builder.appId(options.required("app-id"));
        }
        if (options.has("secret") || env.containsKey("MESSENGER_APP_SECRET")) {
            builder.appSecret(secret(options, env));
        }
        if (options.has("callback")) {
            builder.webhookCallback(options.uri("callback"));
        }
        PlatformEmulator emulator = builder.start();
        out.println("Messenger Platform emulator listening on " + emulator.baseUrl());
        out.println("  Graph API base URL: " + emulator.baseUrl() + "  (app id " + emulator.appId() + ")");
        out.println("  JS SDK stand-in:    " + emulator.baseUrl() + "/emulator/sdk.js");
        if (options.flag("demo")) {
            DemoWorld world = emulator.seedDemo();
            out.println("  Demo user:          " + world.user().name() + " (" + world.user().id() + ")");
            out.println("  Demo pages:         " + world.personalPage().name() + " (" + world.personalPage().id()
                    + "), " + world.businessPage().name() + " (" + world.businessPage().id() + ")");
        }
        out.println("Press Ctrl-C to stop.");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "emulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Runtime.getRuntime().removeShutdownHook(hook);
            emulator.close();
        }
        return 0;
    }

    private static AppSecret secret(Options options, Map<String, String> env) {
        String value = options.has("secret") ? options.required("secret") : env.get("MESSENGER_APP_SECRET");
        if (value == null || value.isBlank()) {
            throw new UsageException("give the app secret with --secret or MESSENGER_APP_SECRET");
        }
        return AppSecret.of(value);
    }

    private static String abbreviate(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
    }

    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** {@code --name value} pairs (repeatable) and {@code --flag} switches. */
    static final class Options {
        private static final List<String> FLAGS = List.of("concurrent", "bad-signature", "print", "unreact", "demo");
        private final Map<String, List<String>> values = new LinkedHashMap<>();

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (!arg.startsWith("--") || arg.length() == 2) {
                    throw new UsageException("unexpected argument: " + arg);
                }
                String name = arg.substring(2);
                String value;
                int eq = name.indexOf('=');
                if (eq > 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else if (FLAGS.contains(name)) {
                    value = "true";
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new UsageException("--" + name + " needs a value");
                }
                options.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
            return options;
        }

        boolean has(String name) {
            return values.containsKey(name);
        }

        boolean flag(String name) {
            return has(name);
        }

        List<String> all(String name) {
            return values.getOrDefault(name, List.of());
        }

        String get(String name, String fallback) {
            List<String> list = values.get(name);
            return list == null ? fallback : list.get(list.size() - 1);
        }

        String required(String name) {
            String value = get(name, null);
            if (value == null) {
                throw new UsageException("--" + name + " is required");
            }
            return value;
        }

        int integer(String name, int fallback) {
            try {
                return has(name) ? Integer.parseInt(required(name)) : fallback;
            } catch (NumberFormatException e) {
                throw new UsageException("--" + name + " must be a number");
            }
        }

        long longValue(String name, long fallback) {
            try {
                return has(name) ? Long.parseLong(required(name)) : fallback;
            } catch (NumberFormatException e) {
                throw new UsageException("--" + name + " must be a number");
            }
        }

        URI uri(String name) {
            try {
                URI uri = URI.create(required(name));
                if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                    throw new UsageException("--" + name + " must be an http or https URL");
                }
                return uri;
            } catch (IllegalArgumentException e) {
                throw new UsageException("--" + name + " is not a valid URL");
            }
        }
    }
}
