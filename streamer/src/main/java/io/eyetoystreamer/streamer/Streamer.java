package io.eyetoystreamer.streamer;

import io.eyetoystreamer.sharedarea.AreaGeometry;
import io.eyetoystreamer.sharedarea.FrameArea;
import io.eyetoystreamer.streamer.capture.AreaWriterWatch;
import io.eyetoystreamer.streamer.capture.CameraControls;
import io.eyetoystreamer.streamer.capture.CameraSource;
import io.eyetoystreamer.streamer.capture.CameraState;
import io.eyetoystreamer.streamer.capture.CaptureLoop;
import io.eyetoystreamer.streamer.capture.CaptureSettings;
import io.eyetoystreamer.streamer.capture.ControlsFile;
import io.eyetoystreamer.streamer.capture.Demand;
import io.eyetoystreamer.streamer.capture.ServedArea;
import io.eyetoystreamer.streamer.fanout.EdgeFeed;
import io.eyetoystreamer.streamer.fanout.FrameFanout;
import io.eyetoystreamer.streamer.fanout.H264Stage;
import io.eyetoystreamer.streamer.fanout.JpegStage;
import io.eyetoystreamer.streamer.fanout.RelaySink;
import io.eyetoystreamer.streamer.fanout.StreamFormat;
import io.eyetoystreamer.streamer.fanout.Viewer;
import io.eyetoystreamer.streamer.fanout.Viewers;
import io.eyetoystreamer.streamer.h264.H264EncoderException;
import io.eyetoystreamer.streamer.h264.H264Encoders;
import io.eyetoystreamer.streamer.http.Assets;
import io.eyetoystreamer.streamer.http.BasicAuth;
import io.eyetoystreamer.streamer.http.ConnectionLimiter;
import io.eyetoystreamer.streamer.http.ControlsEndpoint;
import io.eyetoystreamer.streamer.http.HttpServer;
import io.eyetoystreamer.streamer.http.HttpSettings;
import io.eyetoystreamer.streamer.http.OriginPolicy;
import io.eyetoystreamer.streamer.http.Rejections;
import io.eyetoystreamer.streamer.http.RelayReport;
import io.eyetoystreamer.streamer.http.RequestHandler;
import io.eyetoystreamer.streamer.http.ServerStats;
import io.eyetoystreamer.streamer.http.Snapshots;
import io.eyetoystreamer.streamer.http.StatusPages;
import io.eyetoystreamer.streamer.http.StreamEndpoint;
import io.eyetoystreamer.streamer.http.WebSocketEndpoint;
import io.eyetoystreamer.streamer.relay.RelayEdge;
import io.eyetoystreamer.streamer.relay.RelayPublisher;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;

/**
 * The whole server in one object: the area, the capture loop (unless another process captures), the
 * fan-out and the HTTP server, started in data-path order and stopped in reverse. Thread-safe to
 * close from a shutdown hook.
 */
public final class Streamer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Streamer.class.getName());

  private final FrameArea area;
  private final ServedArea served;
  private final CaptureLoop capture;
  private final CameraControls controls;
  private final FrameFanout fanout;
  private final JpegStage jpeg;
  private final H264Stage h264;
  private final Snapshots snapshots;
  private final HttpServer http;
  private final InetSocketAddress address;
  private final boolean tls;
  private final RelayPublisher publisher;
  private final RelayEdge edge;

  private Streamer(
      FrameArea area,
      ServedArea served,
      CaptureLoop capture,
      CameraControls controls,
      FrameFanout fanout,
      JpegStage jpeg,
      H264Stage h264,
      Snapshots snapshots,
      HttpServer http,
      InetSocketAddress address,
      boolean tls,
      RelayPublisher publisher,
      RelayEdge edge) {
    this.publisher = publisher;
    this.edge = edge;
    this.area = area;
    this.served = served;
    this.capture = capture;
    this.controls = controls;
    this.fanout = fanout;
    this.jpeg = jpeg;
    this.h264 = h264;
    this.snapshots = snapshots;
    this.http = http;
    this.address = address;
    this.tls = tls;
  }

  /**
   * Starts serving.
   *
   * @param camera the camera to capture from, or null to serve the area file of {@code --area} that
   *     another process captures into, or frames published over NATS ({@code --source})
   * @param assets the viewer's files
   */
  public static Streamer start(StreamerConfig config, CameraSource camera, Assets assets)
      throws IOException, InterruptedException {
    return start(config, camera, assets, (stage, e) -> {});
  }

  /**
   * Starts serving, telling {@code onDeath} (stage name, cause) if the capture or fan-out thread
   * dies of an {@link Error}: from then on {@code /healthz} fails, and no frame will follow; the
   * command line exits so that systemd restarts it.
   *
   * @param camera the camera to capture from, or null to serve the area file of {@code --area} that
   *     another process captures into, or frames published over NATS ({@code --source})
   * @param assets the viewer's files
   */
  public static Streamer start(
      StreamerConfig config,
      CameraSource camera,
      Assets assets,
      BiConsumer<String, Throwable> onDeath)
      throws IOException, InterruptedException {
    SslContext ssl = ssl(config);
    boolean isEdge = config.source() != null;
    if (isEdge && camera != null) {
      throw new IllegalArgumentException("--source serves a camera published elsewhere: no camera");
    }
    CameraState state =
        new CameraState(
            camera != null
                ? camera.name()
                : isEdge ? config.source().redacted() : String.valueOf(config.area()),
            "starting");
    Viewers viewers = new Viewers(config.maxViewers(), config.stallLimit());
    // Edges' leases count as viewers: a publishing camera idles only when nobody anywhere watches.
    RelaySink[] edgesWant = {RelaySink.NONE};
    Demand demand =
        new Demand(
            () ->
                viewers.count() > 0
                    || edgesWant[0].wants(StreamFormat.RAW)
                    || edgesWant[0].wants(StreamFormat.JPEG)
                    || edgesWant[0].wants(StreamFormat.H264));
    viewers.onJoin(demand::signal);
    FrameArea area;
    CaptureLoop capture = null;
    CameraControls controls = null;
    AreaWriterWatch watch = null;
    if (camera != null) {
      capture =
          new CaptureLoop(
              camera,
              new CaptureSettings(config.width(), config.height(), config.fps(), config.controls()),
              state,
              onDeath);
      if (config.controlsFile() != null) {
        ControlsFile.checkWritable(config.controlsFile());
      }
      controls = CameraControls.load(config.controlsFile());
      capture.hook(controls);
      AreaGeometry geometry = capture.prepare();
      area =
          config.area() != null
              ? FrameArea.createFile(config.area(), geometry)
              : FrameArea.inMemory(geometry);
      LOG.info(() -> "shared area " + area + " created");
      capture.idle(config.idle(), demand);
      capture.start(area.writer());
    } else if (isEdge) {
      // Raw frames from the relay go into an area here, so the ordinary fan-out serves them.
      area = FrameArea.inMemory(AreaGeometry.yuyv(config.width(), config.height()));
    } else {
      area = FrameArea.openFile(config.area(), Duration.ofSeconds(10));
      LOG.info(() -> "serving " + area + ", captured by process " + area.writerPid());
    }
    ServedArea served = new ServedArea(area);
    if (camera == null && !isEdge) {
      watch = new AreaWriterWatch(config.area(), served, state);
    }

    JpegStage jpeg =
        new JpegStage(
            viewers, PooledByteBufAllocator.DEFAULT, config.jpegThreads(), config.jpegQuality());
    if (controls != null) {
      // After a change every /ws page hears of it (text messages, as status updates are).
      controls.onChange(
          view -> {
            String json = view.valuesJson();
            for (Viewer v : viewers.snapshot()) {
              v.message(json);
            }
          });
    }
    H264Encoders.Choice h264Choice =
        isEdge
            ? new H264Encoders.Choice(
                "none here: H.264 units come encoded from the publisher",
                settings -> {
                  throw new H264EncoderException("an edge does not encode");
                },
                null)
            : H264Encoders.resolve(config.h264Encoder());
    LOG.info(
        () ->
            h264Choice.available()
                ? "H.264 encoder: " + h264Choice.description()
                : "no H.264: " + h264Choice.problem());
    H264Stage h264 =
        new H264Stage(
            viewers,
            PooledByteBufAllocator.DEFAULT,
            h264Choice.opener(),
            config.h264BitsPerSecond(),
            () -> (int) Math.round(state.current().driverFps()));
    h264.onDeath(onDeath);
    FrameFanout fanout =
        new FrameFanout(
            served,
            viewers,
            PooledByteBufAllocator.DEFAULT,
            state,
            config.stallLimit(),
            watch,
            isEdge ? null : jpeg,
            isEdge ? null : h264);
    fanout.onDeath(onDeath);
    RelayPublisher publisher = null;
    RelayEdge edge = null;
    if (config.publish() != null) {
      AreaGeometry g = area.geometry();
      publisher =
          RelayPublisher.start(config.publish(), config.natsCreds(), state, g.slotCapacity() + 64);
      fanout.relayTo(publisher);
      jpeg.relayTo(publisher);
      h264.relayTo(publisher);
      edgesWant[0] = publisher;
    }
    if (isEdge) {
      EdgeFeed feed =
          new EdgeFeed(viewers, PooledByteBufAllocator.DEFAULT, RelayEdge.KEY_FRAME_CACHE_BYTES);
      edge = RelayEdge.start(config.source(), config.natsCreds(), served, state, viewers, feed);
    } else {
      h264.start();
    }
    fanout.start();
    Rejections rejections = new Rejections();
    Snapshots snapshots =
        new Snapshots(
            served,
            state::current,
            config.jpegQuality(),
            rejections,
            isEdge ? null : demand); // an edge's capture times are the publisher's clock
    if (isEdge) {
      snapshots.noFrameHint(
          "this edge receives raw frames only while a raw viewer (/ws, /eyetoy) watches; open"
              + " one, or ask the publisher for the snapshot");
    }
    HttpSettings settings =
        new HttpSettings(
            config.bind(),
            config.port(),
            config.eventLoops(),
            config.maxViewers(),
            config.allowedOrigins(),
            config.auth(),
            ssl,
            config.stallLimit(),
            config.maxConnections(),
            config.requestTimeout());
    HttpServer[] server = new HttpServer[1];
    CaptureLoop loop = capture;
    RelayEdge relayEdge = edge;
    Health health =
        isEdge
            ? new Health(state, fanout, null, relayEdge::lastFrameNanos)
            : new Health(state, fanout, capture);
    RelayReport relay = publisher != null ? publisher : edge;
    ServerStats stats =
        new ServerStats() {
          @Override
          public CameraState.Snapshot camera() {
            return state.current();
          }

          @Override
          public double measuredFps() {
            return loop != null ? loop.measuredFps() : fanout.measuredFps();
          }

          @Override
          public long framesCaptured() {
            return loop != null ? loop.framesCaptured() : served.framesPublished();
          }

          @Override
          public long framesFannedOut() {
            return fanout.framesPublished();
          }

          @Override
          public Viewers viewers() {
            return viewers;
          }

          @Override
          public String problem() {
            return health.problem();
          }

          @Override
          public ConnectionLimiter connections() {
            return server[0].connections();
          }

          @Override
          public JpegStage jpeg() {
            return jpeg;
          }

          @Override
          public H264Stage h264() {
            return h264;
          }

          @Override
          public String h264Choice() {
            return h264Choice.available() ? h264Choice.description() : h264Choice.problem();
          }

          @Override
          public String idle() {
            if (loop == null) {
              return "capture (another process captures)";
            }
            return loop.idlePolicy() + (loop.idle() ? ", idle now" : ", watched now");
          }

          @Override
          public String transport() {
            return server[0].transport();
          }

          @Override
          public RelayReport relay() {
            return relay;
          }
        };
    RequestHandler handler =
        new RequestHandler(
            assets,
            new StatusPages(stats, rejections),
            snapshots,
            new WebSocketEndpoint(
                viewers,
                new OriginPolicy(config.allowedOrigins()),
                rejections,
                state::current,
                ssl != null),
            new StreamEndpoint(viewers, rejections),
            new ControlsEndpoint(
                controls, new OriginPolicy(config.allowedOrigins()), state::current, rejections),
            config.auth() != null ? new BasicAuth(config.auth()) : null,
            rejections,
            h264Choice.problem());
    server[0] = new HttpServer(settings, handler, viewers, rejections);
    InetSocketAddress address = server[0].start();
    return new Streamer(
        area,
        served,
        capture,
        controls,
        fanout,
        jpeg,
        h264,
        snapshots,
        server[0],
        address,
        ssl != null,
        publisher,
        edge);
  }

  private static SslContext ssl(StreamerConfig config) throws SSLException {
    if (config.tlsCert() == null) {
      return null;
    }
    try {
      return SslContextBuilder.forServer(config.tlsCert().toFile(), config.tlsKey().toFile())
          .build();
    } catch (IllegalArgumentException | SSLException e) {
      throw new SSLException(
          "cannot use --tls-cert "
              + config.tlsCert()
              + " and --tls-key "
              + config.tlsKey()
              + ": "
              + e.getMessage()
              + ". Expected a PEM certificate chain and a PEM PKCS#8 private key"
              + " (openssl pkcs8 -topk8 -nocrypt converts other keys).",
          e);
    }
  }

  /** The address the server listens on. */
  public InetSocketAddress address() {
    return address;
  }

  /** The URL to open in a browser. */
  public String url() {
    String host = address.getAddress().getHostAddress();
    if (address.getAddress().isAnyLocalAddress()) {
      host = "localhost";
    } else if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return (tls ? "https://" : "http://") + host + ":" + address.getPort() + "/";
  }

  /** The HTTP server (for tests that drive its pipeline directly). */
  public HttpServer http() {
    return http;
  }

  /** The relay publisher ({@code --publish}), or null. */
  public RelayPublisher publisher() {
    return publisher;
  }

  /** The relay edge ({@code --source}), or null. */
  public RelayEdge edge() {
    return edge;
  }

  /** The frame area. */
  public FrameArea area() {
    return served.get();
  }

  /**
   * Stops in reverse data-path order: viewers get a 1001 close, then the fan-out, the capture loop
   * (streaming stops, the device is released) and the area.
   */
  @Override
  public void close() throws IOException, InterruptedException {
    http.close();
    if (edge != null) {
      edge.close();
    }
    fanout.close();
    jpeg.close();
    h264.close();
    snapshots.close();
    if (publisher != null) {
      publisher.close(); // after the stages: tells the edges the publisher stopped
    }
    if (capture != null) {
      capture.close();
    }
    if (controls != null) {
      controls.close(); // the last values set reach the controls file
    }
    area.close();
    if (served.get() != area) {
      served.get().close(); // the area of a capture process that started after this server
    }
  }
}
