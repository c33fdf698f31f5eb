/**
 * The native seam, {@link io.eyetoystreamer.v4l2.nativeio.V4l2Native}: the service-provider
 * interface a simulated device implements (fake-eyetoy does), and its kernel implementation through
 * JNA. Part of the API promise.
 */
package io.eyetoystreamer.v4l2.nativeio;
