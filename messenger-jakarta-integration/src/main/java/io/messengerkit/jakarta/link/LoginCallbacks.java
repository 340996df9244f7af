package io.messengerkit.jakarta.link;

import io.messengerkit.AppSecret;
import io.messengerkit.jakarta.error.NotFoundException;
import io.messengerkit.jakarta.error.RequestNotVerifiedException;
import io.messengerkit.jakarta.persistence.DataDeletions;
import io.messengerkit.jakarta.persistence.LinkRepository;
import io.messengerkit.jakarta.persistence.LinkedPage;
import io.messengerkit.jakarta.reply.ChatbotQuery;
import io.messengerkit.jakarta.security.SignedRequest;
import io.messengerkit.token.SealedToken;
import io.messengerkit.token.TokenService;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Meta's Facebook Login callbacks: a user who removed the app (deauthorize) or asked for their
 * data to be deleted loses every linked account, page link and token, in every chatbot. The
 * {@code handle...} operations take the callback's {@code signed_request} as Meta sent it and act
 * only once it is verified with the app secret; the operations that take a user id act at once, each
 * in one transaction.
 */
public final class LoginCallbacks {
    private static final System.Logger LOG = System.getLogger(LoginCallbacks.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern CONFIRMATION_CODE = Pattern.compile("[0-9a-f]{24}");

    /**
     * What was removed.
     *
     * @param accounts linked accounts deleted
     * @param pages page links removed
     * @param tokens tokens deleted
     */
    public record Removal(int accounts, int pages, int tokens) {
    }

    private final AppSecret appSecret;
    private final TokenService tokens;
    private final LinkRepository links;
    private final DataDeletions deletions;
    private final Clock clock;
    private final Duration signedRequestMaxAge;

    /**
     * The callbacks' logic over the given stores, accepting a {@code signed_request} issued up to
     * an hour ago.
     *
     * @param appSecret verifies the callbacks' {@code signed_request}
     * @param tokens the token service
     * @param links the linked accounts and pages
     * @param deletions where deletion requests are recorded
     * @param clock the time source
     */
    public LoginCallbacks(AppSecret appSecret, TokenService tokens, LinkRepository links, DataDeletions deletions,
            Clock clock) {
        this(appSecret, tokens, links, deletions, clock, Duration.ofHours(1));
    }

    /**
     * The callbacks' logic over the given stores.
     *
     * @param appSecret verifies the callbacks' {@code signed_request}
     * @param tokens the token service
     * @param links the linked accounts and pages
     * @param deletions where deletion requests are recorded
     * @param clock the time source
     * @param signedRequestMaxAge the oldest {@code signed_request} accepted: a captured one cannot be
     *     replayed after that ({@code MESSENGER_SIGNED_REQUEST_MAX_AGE})
     */
    public LoginCallbacks(AppSecret appSecret, TokenService tokens, LinkRepository links, DataDeletions deletions,
            Clock clock, Duration signedRequestMaxAge) {
        this.signedRequestMaxAge = Objects.requireNonNull(signedRequestMaxAge, "signedRequestMaxAge");
        this.appSecret = Objects.requireNonNull(appSecret, "appSecret");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.links = Objects.requireNonNull(links, "links");
        this.deletions = Objects.requireNonNull(deletions, "deletions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Meta's deauthorize callback: verifies {@code signedRequest}, then {@link #deauthorize deauthorizes} its user.
     *
     * @param signedRequest the callback's {@code signed_request} form field
     * @return what was removed
     * @throws RequestNotVerifiedException when the signed request is missing, malformed, not signed with the app secret, or older than the accepted age
     */
    public Removal handleDeauthorize(String signedRequest) {
        return deauthorize(verify(signedRequest).userId());
    }

    /**
     * Meta's data-deletion callback: verifies {@code signedRequest}, then {@link #deleteData deletes} its user's data.
     *
     * @param signedRequest the callback's {@code signed_request} form field
     * @return the recorded request, with the confirmation code Meta shows the user
     * @throws RequestNotVerifiedException when the signed request is missing, malformed, not signed with the app secret, or older than the accepted age
     */
    public DataDeletions.Request handleDataDeletion(String signedRequest) {
        return deleteData(verify(signedRequest).userId());
    }

    /**
     * {@return a data-deletion request, for its status page}
     *
     * @param confirmationCode the code {@link #handleDataDeletion} answered
     * @throws NotFoundException when no request has this code
     */
    public DataDeletions.Request deletionStatus(String confirmationCode) {
        Optional<DataDeletions.Request> request = confirmationCode != null
                && CONFIRMATION_CODE.matcher(confirmationCode).matches() ? deletions.find(confirmationCode) : Optional.empty();
        return request.orElseThrow(() -> new NotFoundException("No data-deletion request has this confirmation code."));
    }

    /**
     * Deauthorize: deactivate everything of the user. Page rows stay, unlinked, for the history.
     *
     * @param facebookUserId the app-scoped Facebook user id
     * @return what was removed
     */
    public Removal deauthorize(String facebookUserId) {
        Removal removal = links.transactions().required(em -> remove(facebookUserId, false));
        LOG.log(Level.INFO, "Deauthorize callback: removed {0} accounts, unlinked {1} pages", removal.accounts(), removal.pages());
        return removal;
    }

    /**
     * Data deletion: delete everything of the user and record the request under a new confirmation code.
     *
     * @param facebookUserId the app-scoped Facebook user id
     * @return the recorded request, with its confirmation code
     */
    public DataDeletions.Request deleteData(String facebookUserId) {
        var requestedAt = clock.instant();
        byte[] code = new byte[12];
        RANDOM.nextBytes(code);
        return links.transactions().required(em -> {
            for (String chatbotId : links.chatbotsOfFacebookUser(facebookUserId)) {
                // The chatbots' message history goes with their accounts.
                em.createQuery("delete from MessageLogEntity m where m.chatbotId = :c").setParameter("c", chatbotId)
                        .executeUpdate();
            }
            deletions.erasePerson(facebookUserId, List.of(ChatbotQuery.sessionIdOf(facebookUserId, false),
                    ChatbotQuery.sessionIdOf(facebookUserId, true)));
            Removal removal = remove(facebookUserId, true);
            return deletions.record(HexFormat.of().formatHex(code), sha256(facebookUserId), removal.accounts(),
                    removal.pages(), removal.tokens(), requestedAt);
        });
    }

    private SignedRequest verify(String signedRequest) {
        try {
            return SignedRequest.verifyFresh(signedRequest, appSecret, clock.instant(), signedRequestMaxAge);
        } catch (SignedRequest.InvalidSignedRequest e) {
            throw new RequestNotVerifiedException(RequestNotVerifiedException.Check.SIGNED_REQUEST, e.getMessage() + ".");
        }
    }

    private Removal remove(String facebookUserId, boolean deleteRows) {
        int accounts = 0;
        int pages = 0;
        int tokenCount = 0;
        for (String chatbotId : links.chatbotsOfFacebookUser(facebookUserId)) {
            List<LinkedPage> linked = links.pages(chatbotId, deleteRows);
            for (SealedToken token : tokens.list(chatbotId)) {
                if (tokens.delete(token.key())) {
                    tokenCount++;
                }
            }
            if (deleteRows) {
                pages += links.deletePages(chatbotId);
            } else {
                for (LinkedPage page : linked) {
                    if (links.unlinkPage(chatbotId, page.pageId())) {
                        pages++;
                    }
                }
            }
            if (links.deleteAccount(chatbotId)) {
                accounts++;
            }
        }
        return new Removal(accounts, pages, tokenCount);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
