package com.example.orders;

import java.math.BigDecimal;

/** Quotes a line of an order: the unit price from the repository, times the quantity. */
public class QuoteService {
  private final QuoteRepository prices;

  public QuoteService(QuoteRepository prices) {
    this.prices = prices;
  }

  public BigDecimal quote(String sku, int quantity) {
    return prices.unitPrice(sku).multiply(BigDecimal.valueOf(quantity));
  }
}
