package io.messengerkit.jakarta.link;

import io.messengerkit.AccessToken;
import io.messengerkit.graph.GraphClient;
import io.messengerkit.graph.LongLivedToken;
import io.messengerkit.graph.PageListing;
import io.messengerkit.graph.TokenDebugInfo;
import io.messengerkit.graph.UserInfo;
import io.messengerkit.jakarta.persistence.PageSource;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;

/** {@link GraphPort} on the SDK's {@link GraphClient}. */
public final class SdkGraphPort implements GraphPort {
    private static final System.Logger LOG = System.getLogger(SdkGraphPort.class.getName());

    private final GraphClient graph;

    /**
     * The Graph calls on {@code graph}.
     *
     * @param graph the Graph client
     */
    public SdkGraphPort(GraphClient graph) {
        this.graph = Objects.requireNonNull(graph, "graph");
    }

    @Override
    public UserToken exchangeForLongLivedToken(AccessToken shortLived) {
        LongLivedToken token = graph.oauth().exchangeForLongLivedToken(shortLived);
        return new UserToken(token.accessToken(), token.expiresAt());
    }

    @Override
    public User me(AccessToken userToken) {
        UserInfo me = graph.users().me(userToken);
        return new User(me.id(), me.name());
    }

    @Override
    public List<Page> pages(AccessToken userToken) {
        PageListing listing = graph.pages().listAll(userToken);
        listing.warnings().forEach(w -> LOG.log(Level.WARNING, "Page listing: {0}", w));
        return listing.pages().stream()
                .map(p -> new Page(p.id(), p.name(), source(p), p.category().orElse(null),
                        p.canMessage() ? p.accessToken().orElse(null) : null))
                .toList();
    }

    private static PageSource source(io.messengerkit.graph.Page page) {
        boolean personal = page.sources().isEmpty() || page.sources().stream()
                .anyMatch(s -> s.kind() == io.messengerkit.graph.PageSource.Kind.PERSONAL);
        return personal ? PageSource.PERSONAL : PageSource.BUSINESS;
    }

    @Override
    public void subscribe(String pageId, AccessToken pageToken, List<String> fields) {
        graph.subscriptions().subscribe(pageId, pageToken, fields);
    }

    @Override
    public List<SubscribedApp> subscribedApps(String pageId, AccessToken pageToken) {
        return graph.subscriptions().list(pageId, pageToken).stream()
                .map(a -> new SubscribedApp(a.appId(), a.subscribedFields()))
                .toList();
    }

    @Override
    public void unsubscribe(String pageId, AccessToken pageToken) {
        graph.subscriptions().unsubscribe(pageId, pageToken);
    }

    @Override
    public TokenDebugInfo debugToken(AccessToken token) {
        return graph.oauth().debugToken(token);
    }

    @Override
    public java.util.Optional<io.messengerkit.jakarta.persistence.InstagramAccountInfo> instagramAccount(String pageId,
            AccessToken token) {
        return graph.instagramAccounts().connectedTo(token, pageId)
                .map(a -> new io.messengerkit.jakarta.persistence.InstagramAccountInfo(a.id(), a.username(), a.name(),
                        a.profilePictureUrl()));
    }
}
