package io.messengerkit.testkit.emulator;

import java.util.Objects;

/** A business portfolio: owns pages, has client pages, has admins who see them through {@code /me/businesses}. */
public final class TestBusiness {
    private final PlatformEmulator emulator;
    private final String id;

    TestBusiness(PlatformEmulator emulator, String id) {
        this.emulator = emulator;
        this.id = id;
    }

    /** The business id. */
    public String id() {
        return id;
    }

    /** The business name. */
    public String name() {
        return emulator.world.business(id).name;
    }

    /** A page owned by this business (listed in {@code owned_pages}, not in its admins' {@code /me/accounts}). */
    public TestPage createOwnedPage(String name) {
        return new TestPage(emulator, emulator.world.createPage(PlatformEmulator.requireText(name, "name"),
                "Local business", null, id).id);
    }

    /** Gives this business access to another owner's page (listed in {@code client_pages}). */
    public TestBusiness addClientPage(TestPage page) {
        emulator.world.addClientPage(id, page.id());
        return this;
    }

    /** Makes the user an admin of the business. */
    public TestBusiness addAdmin(TestUser user) {
        emulator.world.addBusinessAdmin(id, user.id());
        return this;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TestBusiness that && id.equals(that.id) && emulator == that.emulator;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id);
    }

    @Override
    public String toString() {
        return "TestBusiness[" + id + "]";
    }
}
