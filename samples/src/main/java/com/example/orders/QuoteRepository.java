package com.example.orders;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The price list, read with plain JDBC: every call is a database round trip, and says nothing. */
public class QuoteRepository {
  private final DataSource dataSource;

  public QuoteRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public BigDecimal unitPrice(String sku) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement("select price from prices where sku = ?")) {
      select.setString(1, sku);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getBigDecimal(1) : BigDecimal.ZERO;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("no price for " + sku, e);
    }
  }
}
