package io.rpcboot.demo.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * An amount of money in a currency, with two decimal places. In JSON the amount is a
 * string ({@code "18.50"}), so that no client reads it as a binary floating-point number.
 *
 * @param amount the amount
 * @param currency the ISO 4217 code of the currency, such as {@code EUR}
 */
public record Money(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency) {

    /**
     * Normalizes the amount to two decimal places.
     */
    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        amount = amount.setScale(2, RoundingMode.HALF_EVEN);
    }

    /**
     * Returns an amount of euros.
     * @param amount the amount, such as {@code "12.50"}
     * @return the money
     */
    public static Money euros(String amount) {
        return new Money(new BigDecimal(amount), "EUR");
    }

    /**
     * Returns this amount multiplied by a quantity.
     * @param quantity the multiplier
     * @return the product, in the same currency
     */
    public Money times(int quantity) {
        return new Money(this.amount.multiply(BigDecimal.valueOf(quantity)), this.currency);
    }

    @Override
    public String toString() {
        return this.amount.toPlainString() + " " + this.currency;
    }

}
