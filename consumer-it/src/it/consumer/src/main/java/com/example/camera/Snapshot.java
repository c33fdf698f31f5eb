package com.example.camera;

import io.eyetoystreamer.v4l2.CaptureStream;
import io.eyetoystreamer.v4l2.FourCc;
import io.eyetoystreamer.v4l2.Format;
import io.eyetoystreamer.v4l2.Frame;
import io.eyetoystreamer.v4l2.Images;
import io.eyetoystreamer.v4l2.V4l2Device;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;

/** Saves one frame of the first camera as snapshot.png. */
public class Snapshot {
  public static void main(String[] args) throws IOException {
    try (V4l2Device camera = V4l2Device.open(args.length > 0 ? args[0] : "/dev/video0")) {
      camera.setFormat(Format.of(640, 480, FourCc.YUYV));
      try (CaptureStream stream = camera.startCapture(4);
          Frame frame = stream.next(2000)) {
        if (frame == null) throw new IOException("no frame within 2 s");
        BufferedImage image = Images.toBufferedImage(frame, stream.format());
        ImageIO.write(image, "png", new File("snapshot.png"));
      }
    }
  }
}
