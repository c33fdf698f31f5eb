package io.eyetoystreamer.devicetests;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class of the vivid suite: it needs {@code -Dv4l2.device} to be the capture node of
 * the kernel's {@code vivid} driver (loaded with its default options) and {@code v4l2-ctl}, and
 * drives vivid's own controls (test patterns, error injection, disconnect). Run by {@code
 * .ci/vivid} inside a qemu VM, with the JUnit tag {@code vivid} added to {@code
 * -Dreal-device.groups}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("vivid")
@ExtendWith({DeviceUnderTest.class, Vivid.class})
@interface VividTest {}
