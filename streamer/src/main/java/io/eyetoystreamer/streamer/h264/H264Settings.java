package io.eyetoystreamer.streamer.h264;

/**
 * What an encoder is asked for.
 *
 * @param width pixels, even
 * @param height pixels, even
 * @param fps frames per second the camera delivers (rate control's time base)
 * @param bitsPerSecond target bitrate
 * @param keyFramePeriod frames from one key frame to the next when no one asks for one
 */
public record H264Settings(int width, int height, int fps, int bitsPerSecond, int keyFramePeriod) {
  public H264Settings {
    if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
      throw new IllegalArgumentException(
          "H.264 frame size " + width + "x" + height + ": expected even, positive sizes");
    }
    if (fps <= 0 || bitsPerSecond <= 0 || keyFramePeriod <= 0) {
      throw new IllegalArgumentException(
          "H.264 settings: fps "
              + fps
              + ", bitrate "
              + bitsPerSecond
              + ", key-frame period "
              + keyFramePeriod
              + ": expected positive numbers");
    }
  }
}
