package dev.hookflow.hub.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class PrerequisitesTest {

  @Test
  void shouldFailNamingTheMissingPieceUnlessTheRunOptedOut() {
    assertDoesNotThrow(() -> Prerequisites.require(true, "widget", "No widget"));
    AssertionFailedError failed =
        assertThrows(
            AssertionFailedError.class,
            () -> Prerequisites.require(false, "widget", "No widget at /opt/widget"));
    assertTrue(failed.getMessage().contains("No widget at /opt/widget"), failed.getMessage());
    assertTrue(failed.getMessage().contains("./hub test --skip-widget"), failed.getMessage());

    System.setProperty("hookflow.skip.widget", "true");
    try {
      TestAbortedException skipped =
          assertThrows(
              TestAbortedException.class,
              () -> Prerequisites.require(false, "widget", "No widget at /opt/widget"));
      assertTrue(skipped.getMessage().contains("--skip-widget given"), skipped.getMessage());
    } finally {
      System.clearProperty("hookflow.skip.widget");
    }
  }
}
