package io.messengerkit.testkit.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The emulator's mutable records. Only changed while holding the {@link World} lock. */
final class Model {
    private Model() {
    }

    enum TokenKind { USER, PAGE, APP }

    static final class UserRecord {
        final String id;
        final String name;
        final String firstName;
        final String lastName;

        UserRecord(String id, String name) {
            this.id = id;
            this.name = name;
            int space = name.indexOf(' ');
            this.firstName = space < 0 ? name : name.substring(0, space);
            this.lastName = space < 0 ? "" : name.substring(space + 1);
        }
    }

    static final class PageRecord {
        final String id;
        final String name;
        final String category;
        final Set<String> adminUserIds = new LinkedHashSet<>();
        String businessId;
        Set<String> subscribedFields;
        final Map<String, Object> messengerProfile = new LinkedHashMap<>();
        final List<String> customerPsids = new ArrayList<>();
        String fixtureToken;

        PageRecord(String id, String name, String category) {
            this.id = id;
            this.name = name;
            this.category = category;
        }
    }

    static final class BusinessRecord {
        final String id;
        final String name;
        final Set<String> adminUserIds = new LinkedHashSet<>();
        final List<String> ownedPageIds = new ArrayList<>();
        final List<String> clientPageIds = new ArrayList<>();

        BusinessRecord(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    static final class CustomerRecord {
        final String psid;
        final String pageId;
        final String firstName;
        final String lastName;
        Instant lastInboundAt;

        CustomerRecord(String psid, String pageId, String firstName, String lastName) {
            this.psid = psid;
            this.pageId = pageId;
            this.firstName = firstName;
            this.lastName = lastName;
        }
    }

    static final class TokenRecord {
        final String value;
        final TokenKind kind;
        final String userId;
        final String pageId;
        final Instant issuedAt;
        final Instant expiresAt;
        final boolean longLived;
        final Set<String> scopes;
        Integer invalidSubcode;

        TokenRecord(String value, TokenKind kind, String userId, String pageId, Instant issuedAt, Instant expiresAt,
                boolean longLived, Set<String> scopes) {
            this.value = value;
            this.kind = kind;
            this.userId = userId;
            this.pageId = pageId;
            this.issuedAt = issuedAt;
            this.expiresAt = expiresAt;
            this.longLived = longLived;
            this.scopes = Set.copyOf(scopes);
        }

        boolean expiredAt(Instant now) {
            return expiresAt != null && !now.isBefore(expiresAt);
        }
    }

    /**
     * An Instagram professional account connected to a Page ({@code instagram_business_account}).
     * Its people (IGSIDs) are {@link CustomerRecord}s whose {@code pageId} is the account id, so
     * conversations are keyed by (account id, IGSID) like webhooks are.
     */
    static final class InstagramRecord {
        final String id;
        final String pageId;
        final String username;
        final String name;
        /** "Allow access to messages" in the Instagram app; off: sends fail with 200/2534041. */
        boolean messagesAccessAllowed = true;
        final Map<String, Object> messengerProfile = new LinkedHashMap<>();
        final List<String> customerIds = new ArrayList<>();

        InstagramRecord(String id, String pageId, String username, String name) {
            this.id = id;
            this.pageId = pageId;
            this.username = username;
            this.name = name;
        }
    }

    /** A comment a person wrote on the account's media: private replies answer it once, within 7 days. */
    static final class CommentRecord {
        final String id;
        final String instagramId;
        final String authorId;
        final String text;
        final Instant createdAt;
        final String mediaId;
        boolean privatelyReplied;

        CommentRecord(String id, String instagramId, String authorId, String text, Instant createdAt) {
            this.mediaId = "1790" + id.substring(Math.max(0, id.length() - 13));
            this.id = id;
            this.instagramId = instagramId;
            this.authorId = authorId;
            this.text = text;
            this.createdAt = createdAt;
        }
    }
}
