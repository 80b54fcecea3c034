package dev.asyncprone.model.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class VerbsTest {
  @Test
  public void words() {
    assertEquals(List.of("find", "by", "id", "or", "create"), Verbs.words("findByIdOrCreate"));
    assertEquals(List.of("get", "url", "for"), Verbs.words("getURLFor"));
    assertEquals(List.of("load", "v", "user"), Verbs.words("load_v2_user"));
    assertEquals(List.of(), Verbs.words(""));
  }

  @Test
  public void reads() {
    for (String name : List.of("find", "findById", "getUser", "listOrders", "fetch", "getPost")) {
      assertTrue(name, Verbs.isRead(name));
      assertFalse(name, Verbs.isOrdered(name));
    }
    for (String name : List.of("getOrCreate", "findAndLock", "render", "title", "save")) {
      assertFalse(name, Verbs.isRead(name));
    }
  }

  @Test
  public void ordered() {
    for (String name :
        List.of(
            "save",
            "createOrder",
            "bulkInsert",
            "send",
            "charge",
            "reserveStock",
            "tryLock",
            "authorize",
            "validate",
            "connect",
            "getOrCreate",
            "findAndLock",
            "login")) {
      assertTrue(name, Verbs.isOrdered(name));
    }
    for (String name :
        List.of("find", "quote", "price", "submit", "supplyAsync", "title", "thenApply", "apply")) {
      assertFalse(name, Verbs.isOrdered(name));
    }
  }
}
