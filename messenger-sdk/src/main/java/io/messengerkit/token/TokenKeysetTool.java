package io.messengerkit.token;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Command-line tool for token keysets, so operators generate and rotate keys without writing
 * code:
 *
 * <pre>
 * generate [--out FILE] [--force]          new AES-256-GCM keyset (to FILE, or stdout)
 * rotate   [--in FILE] [--out FILE]        add a new primary key; old tokens still open
 * add-key  [--in FILE] [--out FILE]        add a key that is not primary yet (rolling deploys)
 * promote  --key-id ID [--in FILE] [--out FILE]
 *                                          make an added key primary
 * retire   --key-id ID [--in FILE] [--out FILE]
 *                                          remove an old key once re-sealing left no token on it
 * info     [--in FILE]                     primary key id and all key ids (no key material)
 * </pre>
 *
 * <p>Without {@code --in} the keyset comes from {@value TokenKeyset#KEYSET_ENV} or
 * {@value TokenKeyset#KEYSET_FILE_ENV}. A changed keyset goes to {@code --out}, else back to the
 * {@code --in} file (replaced atomically, owner-only permissions), else to stdout. Messages go to
 * stderr, so stdout holds only keyset JSON. Exit status: 0 done, 1 failed, 2 bad usage.
 */
public final class TokenKeysetTool {
    private static final String USAGE = String.join(System.lineSeparator(),
            "usage: TokenKeysetTool <command> [options]",
            "  generate [--out FILE] [--force]            create a new AES-256-GCM keyset",
            "  rotate   [--in FILE] [--out FILE]          add a new primary key (old keys keep opening)",
            "  add-key  [--in FILE] [--out FILE]          add a key, not primary yet (deploy it, then promote)",
            "  promote  --key-id ID [--in FILE] [--out FILE]  make a key primary",
            "  retire   --key-id ID [--in FILE] [--out FILE]  remove a non-primary key",
            "  info     [--in FILE]                       show key ids",
            "Without --in the keyset is read from " + TokenKeyset.KEYSET_ENV + " or " + TokenKeyset.KEYSET_FILE_ENV + ".",
            "Output goes to --out, else back to the --in file, else to stdout.");

    private TokenKeysetTool() {
    }

    /**
     * Runs the tool; exits with the status when it is not 0.
     *
     * @param args the command and its options; see the usage text
     */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err, System.getenv());
        if (status != 0) {
            // Only on failure: a plain return lets "mvn exec:java" finish normally.
            System.exit(status);
        }
    }

    /** Runs the tool; returns the exit status instead of exiting. */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        Deque<String> rest = new ArrayDeque<>(java.util.List.of(args));
        if (rest.isEmpty() || rest.peek().equals("help") || rest.peek().equals("--help")) {
            (rest.isEmpty() ? err : out).println(USAGE);
            return rest.isEmpty() ? 2 : 0;
        }
        String command = rest.pop();
        Map<String, String> options = new HashMap<>();
        while (!rest.isEmpty()) {
            String option = rest.pop();
            switch (option) {
                case "--force" -> options.put(option, "");
                case "--in", "--out", "--key-id" -> {
                    if (rest.isEmpty()) {
                        err.println(option + " needs a value");
                        return 2;
                    }
                    options.put(option, rest.pop());
                }
                default -> {
                    err.println("unknown option " + option);
                    err.println(USAGE);
                    return 2;
                }
            }
        }
        try {
            return switch (command) {
                case "generate" -> generate(options, out, err);
                case "rotate" -> rotate(options, out, err, env);
                case "retire" -> retire(options, out, err, env);
                case "add-key" -> addKey(options, out, err, env);
                case "promote" -> promote(options, out, err, env);
                case "info" -> info(options, out, env);
                default -> {
                    err.println("unknown command " + command);
                    err.println(USAGE);
                    yield 2;
                }
            };
        } catch (TokenVaultException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (NumberFormatException e) {
            err.println("error: --key-id takes a key id as printed by 'info'");
            return 2;
        }
    }

    private static int generate(Map<String, String> options, PrintStream out, PrintStream err) {
        if (options.containsKey("--in") || options.containsKey("--key-id")) {
            err.println("generate takes only --out and --force");
            return 2;
        }
        String target = options.get("--out");
        if (target != null && Files.exists(Path.of(target)) && !options.containsKey("--force")) {
            err.println("error: " + target + " exists; a new keyset would make its tokens unreadable."
                    + " Use 'rotate' to add a key, or --force to replace it");
            return 1;
        }
        TokenKeyset keyset = TokenKeyset.generate();
        write(keyset, target, out, err);
        err.println("generated keyset, primary key " + Integer.toUnsignedString(keyset.primaryKeyId()));
        return 0;
    }

    private static int rotate(Map<String, String> options, PrintStream out, PrintStream err, Map<String, String> env) {
        TokenKeyset before = load(options, env);
        TokenKeyset after = before.rotate();
        write(after, target(options), out, err);
        err.println("new primary key " + Integer.toUnsignedString(after.primaryKeyId()) + " (was "
                + Integer.toUnsignedString(before.primaryKeyId()) + "). Deploy the keyset, then re-seal stored"
                + " tokens (TokenService.resealAll) before retiring the old key.");
        return 0;
    }

    private static int retire(Map<String, String> options, PrintStream out, PrintStream err, Map<String, String> env) {
        String keyId = options.get("--key-id");
        if (keyId == null) {
            err.println("retire needs --key-id");
            return 2;
        }
        TokenKeyset after = load(options, env).retire(Integer.parseUnsignedInt(keyId));
        write(after, target(options), out, err);
        err.println("removed key " + keyId + "; keys now " + ids(after));
        return 0;
    }

    private static int addKey(Map<String, String> options, PrintStream out, PrintStream err, Map<String, String> env) {
        TokenKeyset before = load(options, env);
        TokenKeyset after = before.withNewKey();
        write(after, target(options), out, err);
        int added = after.keyIds().stream().filter(id -> !before.keyIds().contains(id)).findFirst().orElseThrow();
        err.println("added key " + Integer.toUnsignedString(added) + " (not primary). Deploy the keyset to every"
                + " instance, then: promote --key-id " + Integer.toUnsignedString(added));
        return 0;
    }

    private static int promote(Map<String, String> options, PrintStream out, PrintStream err, Map<String, String> env) {
        String keyId = options.get("--key-id");
        if (keyId == null) {
            err.println("promote needs --key-id");
            return 2;
        }
        TokenKeyset after = load(options, env).promote(Integer.parseUnsignedInt(keyId));
        write(after, target(options), out, err);
        err.println("primary key is now " + keyId + ". Deploy the keyset, then re-seal stored tokens"
                + " (TokenService.resealAll) before retiring older keys.");
        return 0;
    }

    private static int info(Map<String, String> options, PrintStream out, Map<String, String> env) {
        TokenKeyset keyset = load(options, env);
        out.println("primary key: " + Integer.toUnsignedString(keyset.primaryKeyId()));
        out.println("keys: " + ids(keyset));
        return 0;
    }

    private static TokenKeyset load(Map<String, String> options, Map<String, String> env) {
        String in = options.get("--in");
        return in != null ? TokenKeyset.fromFile(Path.of(in)) : TokenKeyset.fromEnvironment(env);
    }

    private static String target(Map<String, String> options) {
        return options.getOrDefault("--out", options.get("--in"));
    }

    private static void write(TokenKeyset keyset, String target, PrintStream out, PrintStream err) {
        if (target == null) {
            out.println(keyset.toJson());
        } else {
            keyset.writeTo(Path.of(target));
            err.println("wrote " + target);
        }
    }

    private static String ids(TokenKeyset keyset) {
        return keyset.keyIds().stream().map(Integer::toUnsignedString).collect(Collectors.joining(", "));
    }
}
