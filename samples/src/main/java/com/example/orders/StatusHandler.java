package com.example.orders;

/** Answers status requests on the event loop. */
public class StatusHandler implements EventLoopHandler {
  private final OrderRepository repository;

  public StatusHandler(OrderRepository repository) {
    this.repository = repository;
  }

  @Override
  public void handle(String request) {
    repository.findById(request).ifPresent(order -> reply(order.id())); // asyncprone: BlockingInAsyncContext
  }

  private void reply(String body) {
    System.out.println(body);
  }
}
