package com.example.orders;

import dev.asyncprone.annotations.Blocking;

/** Writes every request to the audit log. */
public class AuditHandler implements EventLoopHandler {
  private final OrderRepository repository;

  public AuditHandler(OrderRepository repository) {
    this.repository = repository;
  }

  @Override
  @Blocking
  public void handle(String request) { // asyncprone: NonBlockingOverride
    repository.findById(request);
  }
}
