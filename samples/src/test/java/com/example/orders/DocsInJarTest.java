package com.example.orders;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.URL;
import java.util.Set;
import org.junit.Test;

/**
 * Every check's page travels with the plugin: META-INF/asyncprone/docs/<Check>.md in the same jar
 * (or, in a build that stops before packaging, the same classes directory) that registers the
 * check, so that a user offline can read it.
 */
public class DocsInJarTest {
  private static final String SERVICES =
      "META-INF/services/com.google.errorprone.bugpatterns.BugChecker";

  @Test
  public void everyRegisteredCheckHasItsPageNextToIt() {
    ClassLoader loader = DocsInJarTest.class.getClassLoader();
    URL services = loader.getResource(SERVICES);
    assertNotNull(services);
    String container = services.toString().substring(0, services.toString().indexOf(SERVICES));
    Set<String> checks = SampleBuild.asyncproneChecks();
    assertTrue(checks.toString(), checks.size() >= 10);
    for (String check : checks) {
      URL page = loader.getResource("META-INF/asyncprone/docs/" + check + ".md");
      assertNotNull("no page for " + check + " in " + container, page);
      assertEquals(
          check + "'s page is in the plugin's own jar",
          container,
          page.toString().substring(0, page.toString().indexOf("META-INF/asyncprone/docs/")));
    }
  }
}
