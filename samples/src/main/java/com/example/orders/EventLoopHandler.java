package com.example.orders;

import dev.asyncprone.annotations.NonBlocking;

/** Handles a request on the server's event loop: implementations must never block. */
public interface EventLoopHandler {
  @NonBlocking
  void handle(String request);
}
