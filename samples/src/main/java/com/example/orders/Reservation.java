package com.example.orders;

/** What the inventory service answers when asked to hold stock for an order. */
public record Reservation(String orderId, boolean confirmed) {}
