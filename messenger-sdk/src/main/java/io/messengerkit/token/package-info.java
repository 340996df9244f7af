/**
 * Encrypted storage for the access tokens a Messenger integration keeps: the long-lived user
 * token of each linked Facebook account and the token of each linked Page.
 *
 * <ul>
 *   <li>{@link io.messengerkit.token.TokenStore} is the storage SPI. It only ever sees
 *       {@link io.messengerkit.token.SealedToken}s: ciphertext plus clear metadata.
 *       {@link io.messengerkit.token.InMemoryTokenStore} is the built-in implementation.</li>
 *   <li>{@link io.messengerkit.token.TokenVault} seals and opens tokens with Tink AEAD
 *       (AES-256-GCM), binding every ciphertext to its {@link io.messengerkit.token.TokenKey};
 *       {@link io.messengerkit.token.TokenKeyset} loads, generates and rotates keysets, and
 *       {@link io.messengerkit.token.TokenKeysetTool} does the same from the command line.</li>
 *   <li>{@link io.messengerkit.token.TokenService} is what applications call: save a token, get
 *       it back for a call (refused early when it is expired or needs reconnecting), mark it
 *       "reconnect needed", re-seal everything after a key rotation.</li>
 *   <li>{@link io.messengerkit.token.TokenHealthChecker} asks {@code debug_token} about stored
 *       tokens and records what it learns; {@link io.messengerkit.token.FernetImporter} brings
 *       tokens over from Fernet-encrypted databases.</li>
 * </ul>
 */
package io.messengerkit.token;
