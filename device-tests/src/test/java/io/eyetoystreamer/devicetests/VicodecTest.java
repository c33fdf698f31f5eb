package io.eyetoystreamer.devicetests;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class of the kernel's vicodec driver: it needs {@code -Dv4l2.encoder} to be
 * vicodec's stateful FWHT encoder node and {@code v4l2-ctl}. Run by {@code .ci/vivid} inside its
 * qemu VM, which loads vicodec beside vivid, with the JUnit tag {@code vicodec} added to {@code
 * -Dreal-device.groups} (a tag of its own: {@code .ci/arm64-vivid}'s kernel has no vicodec).
 * Without the encoder the tests are skipped with the reason, or fail when {@code
 * EYETOY_STRICT_TESTS=1}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("vicodec")
@ExtendWith(Vicodec.class)
@interface VicodecTest {}
