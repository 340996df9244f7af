package io.messengerkit.testkit.emulator;

/**
 * The data {@link PlatformEmulator#seedDemo()} creates.
 *
 * @param user the demo user, signed in by the {@code sdk.js} login
 * @param personalPage a page the user administers directly
 * @param business the user's business portfolio
 * @param businessPage a page the business owns (the user also has a direct role: it is listed twice)
 * @param clientPage another owner's page the business has access to
 * @param personalPageCustomer a person who can write to the personal page
 * @param businessPageCustomer a person who can write to the business page
 */
public record DemoWorld(
        TestUser user,
        TestPage personalPage,
        TestBusiness business,
        TestPage businessPage,
        TestPage clientPage,
        TestCustomer personalPageCustomer,
        TestCustomer businessPageCustomer) {
}
