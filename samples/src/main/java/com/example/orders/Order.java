package com.example.orders;

import java.math.BigDecimal;
import java.util.List;

/** An order as the service stores it. */
public record Order(String id, String customerId, List<String> skus, BigDecimal total) {}
