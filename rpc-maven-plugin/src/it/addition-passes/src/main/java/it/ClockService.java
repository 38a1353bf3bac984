package it;

import java.time.Instant;

/** A service this module implements: new since the baseline, an addition. */
public interface ClockService {

    Instant now();

}
