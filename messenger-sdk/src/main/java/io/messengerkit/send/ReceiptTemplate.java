package io.messengerkit.send;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An order confirmation ({@code template_type: receipt}). Build it with {@link #builder()}.
 *
 * @param recipientName the buyer's name
 * @param orderNumber unique per order
 * @param currency ISO 4217 code, e.g. {@code USD}
 * @param paymentMethod free text, e.g. {@code Visa 2345}
 * @param summary the totals
 * @param elements the items, at most 100
 * @param adjustments discounts and other adjustments
 * @param address the shipping address, or null
 * @param orderUrl or null
 * @param merchantName or null
 * @param timestampSeconds the order time in epoch seconds, or 0 for none
 * @param sharable whether Messenger shows a share button
 */
public record ReceiptTemplate(String recipientName, String orderNumber, String currency, String paymentMethod,
        Summary summary, List<Item> elements, List<Adjustment> adjustments, Address address, String orderUrl,
        String merchantName, long timestampSeconds, boolean sharable) implements Template {

    /**
     * Creates the record; the components are as described for the record.
     *
     * @param recipientName the buyer's name
     * @param orderNumber unique per order
     * @param currency ISO 4217 code
     * @param paymentMethod free text
     * @param summary the totals
     * @param elements the items, at most 100
     * @param adjustments adjustments
     * @param address the shipping address, or null
     * @param orderUrl or null
     * @param merchantName or null
     * @param timestampSeconds epoch seconds, or 0
     * @param sharable share button
     */
    public ReceiptTemplate {
        Limits.required(recipientName, "receipt recipient_name");
        Limits.required(orderNumber, "receipt order_number");
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            throw new InvalidMessageException("receipt currency must be an ISO 4217 code such as USD");
        }
        Limits.required(paymentMethod, "receipt payment_method");
        Objects.requireNonNull(summary, "summary");
        elements = Limits.list(elements, 0, Limits.RECEIPT_ELEMENTS, "receipt elements");
        adjustments = adjustments == null ? List.of() : List.copyOf(adjustments);
    }

    /** {@return a builder} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The totals; only {@code totalCost} is required.
     *
     * @param subtotal or null
     * @param shippingCost or null
     * @param totalTax or null
     * @param totalCost required
     */
    public record Summary(BigDecimal subtotal, BigDecimal shippingCost, BigDecimal totalTax, BigDecimal totalCost) {
        /**
         * Creates the record; the components are as described for the record.
         *
         * @param subtotal or null
         * @param shippingCost or null
         * @param totalTax or null
         * @param totalCost required
         */
        public Summary {
            Objects.requireNonNull(totalCost, "totalCost");
        }
    }

    /**
     * One line of the order.
     *
     * @param title the item
     * @param subtitle or null
     * @param quantity 0 for none
     * @param price may be 0
     * @param imageUrl or null
     */
    public record Item(String title, String subtitle, int quantity, BigDecimal price, String imageUrl) {
        /**
         * Creates the record; the components are as described for the record.
         *
         * @param title the item
         * @param subtitle or null
         * @param quantity 0 for none
         * @param price may be 0
         * @param imageUrl or null
         */
        public Item {
            Limits.max(Limits.required(title, "receipt element title"), Limits.ELEMENT_TITLE, "receipt element title");
            Objects.requireNonNull(price, "price");
            if (quantity < 0) {
                throw new InvalidMessageException("receipt element quantity must not be negative");
            }
        }
    }

    /**
     * A discount or other adjustment.
     *
     * @param name what it is
     * @param amount how much
     */
    public record Adjustment(String name, BigDecimal amount) {
        /**
         * Creates the record; the components are as described for the record.
         *
         * @param name what it is
         * @param amount how much
         */
        public Adjustment {
            Limits.required(name, "adjustment name");
            Objects.requireNonNull(amount, "amount");
        }
    }

    /**
     * The shipping address.
     *
     * @param street1 required
     * @param street2 or null
     * @param city required
     * @param postalCode required
     * @param state required (region)
     * @param country required, two-letter code
     */
    public record Address(String street1, String street2, String city, String postalCode, String state,
            String country) {
        /**
         * Creates the record; the components are as described for the record.
         *
         * @param street1 required
         * @param street2 or null
         * @param city required
         * @param postalCode required
         * @param state required
         * @param country required
         */
        public Address {
            Limits.required(street1, "address street_1");
            Limits.required(city, "address city");
            Limits.required(postalCode, "address postal_code");
            Limits.required(state, "address state");
            Limits.required(country, "address country");
        }
    }

    /** Builds a {@link ReceiptTemplate}. */
    public static final class Builder {
        private String recipientName;
        private String orderNumber;
        private String currency;
        private String paymentMethod;
        private Summary summary;
        private final List<Item> elements = new ArrayList<>();
        private final List<Adjustment> adjustments = new ArrayList<>();
        private Address address;
        private String orderUrl;
        private String merchantName;
        private long timestampSeconds;
        private boolean sharable;

        private Builder() {
        }

        /**
         * {@return this builder}
         *
         * @param name the buyer's name
         */
        public Builder recipientName(String name) {
            this.recipientName = name;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param number the order number
         */
        public Builder orderNumber(String number) {
            this.orderNumber = number;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param code ISO 4217
         */
        public Builder currency(String code) {
            this.currency = code;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param method e.g. {@code Visa 2345}
         */
        public Builder paymentMethod(String method) {
            this.paymentMethod = method;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param totals the totals
         */
        public Builder summary(Summary totals) {
            this.summary = totals;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param item an order line
         */
        public Builder item(Item item) {
            this.elements.add(Objects.requireNonNull(item, "item"));
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param adjustment a discount
         */
        public Builder adjustment(Adjustment adjustment) {
            this.adjustments.add(Objects.requireNonNull(adjustment, "adjustment"));
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param shippingAddress the address
         */
        public Builder address(Address shippingAddress) {
            this.address = shippingAddress;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param url the order page
         */
        public Builder orderUrl(String url) {
            this.orderUrl = url;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param name the merchant's name
         */
        public Builder merchantName(String name) {
            this.merchantName = name;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param epochSeconds the order time
         */
        public Builder timestamp(long epochSeconds) {
            this.timestampSeconds = epochSeconds;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param value share button
         */
        public Builder sharable(boolean value) {
            this.sharable = value;
            return this;
        }

        /** {@return the template, validated} */
        public ReceiptTemplate build() {
            return new ReceiptTemplate(recipientName, orderNumber, currency, paymentMethod, summary, elements,
                    adjustments, address, orderUrl, merchantName, timestampSeconds, sharable);
        }
    }

    @Override
    public String templateType() {
        return "receipt";
    }
}
