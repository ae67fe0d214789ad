package dev.hookflow.hub.inbound.verify;

import dev.hookflow.hub.platform.error.ProblemCode;
import dev.hookflow.hub.platform.error.ProblemException;

/** A request that failed verification; the detail names headers, never secrets or values. */
public class VerificationException extends ProblemException {

  public VerificationException(ProblemCode code, String detail) {
    super(code, detail);
  }

  static VerificationException missingHeader(String name) {
    return new VerificationException(ProblemCode.MISSING_HEADER, "Header " + name + " is required");
  }

  static VerificationException invalidSignature() {
    return new VerificationException(
        ProblemCode.INVALID_SIGNATURE, "No signature matches any active secret of this source");
  }
}
