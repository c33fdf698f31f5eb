package io.eyetoystreamer.devicetests;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class of the {@code real-device} profile: it runs against any V4L2 camera given with
 * {@code -Dv4l2.device}, and is skipped, saying why, without one.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("real-device")
@ExtendWith(DeviceUnderTest.class)
@interface RealDeviceTest {}
