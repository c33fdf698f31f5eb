/*
 * OpenH264 driven from C, the yardstick for the streamer's JNA binding (OpenH264Encoder): the same
 * library, the same parameters, the same I420 frames, timed the same way (each EncodeFrame plus one
 * copy of the access unit out of the encoder, frames taken in a cycle).
 *
 * Build (jmh/run-h264.sh does):  gcc -O2 -o openh264_bench openh264_bench.c -lopenh264
 *   (libopenh264-dev for the headers and libopenh264.so; or link /usr/lib/<triplet>/libopenh264.so.7)
 *
 * Usage: openh264_bench FRAMES.yuv WIDTH HEIGHT FPS BITRATE KEY_PERIOD WARMUP_S ITERATIONS ITER_S
 *            [STREAM_OUT.h264 STREAM_FRAMES]
 *   FRAMES.yuv   I420 frames back to back (what `H264Sequence NAME FILE` writes)
 *   The encoder runs WARMUP_S seconds untimed, then ITERATIONS timed iterations of ITER_S seconds
 *   (like JMH's warm-up and measurement), one encoder throughout, frames in a cycle.
 *   STREAM_OUT   optional: a fresh encoder encodes the first STREAM_FRAMES frames of the cycle into
 *                this file, to compare with the Java binding's stream byte for byte.
 * Prints one line per iteration, then
 *   RESULT median_ns_per_frame=N mean_bytes_per_frame=B median_cpu_ns_per_frame=C frames=F
 *          iterations=I
 * (wall time per frame, and this thread's CPU time per frame, which a loaded machine inflates
 * less: H264Driver measures the Java binding the same two ways).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wels/codec_api.h>

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double clock_ns(clockid_t clock) {
  struct timespec t;
  clock_gettime(clock, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

static double now_ns(void) { return clock_ns(CLOCK_MONOTONIC); }

/* This thread's CPU time: what a busy, shared machine does not add to (unlike wall time). */
static double cpu_ns(void) { return clock_ns(CLOCK_THREAD_CPUTIME_ID); }

static double median(double *v, int n) {
  qsort(v, n, sizeof(double), cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The parameters OpenH264Encoder.fill sets, over GetDefaultParams. Keep the two in step. */
static ISVCEncoder *open_encoder(int w, int h, int fps, int bitrate, int period) {
  ISVCEncoder *enc = NULL;
  if (WelsCreateSVCEncoder(&enc) != 0 || enc == NULL) {
    fprintf(stderr, "WelsCreateSVCEncoder failed\n");
    exit(1);
  }
  int level = WELS_LOG_ERROR;
  (*enc)->SetOption(enc, ENCODER_OPTION_TRACE_LEVEL, &level);
  SEncParamExt p;
  (*enc)->GetDefaultParams(enc, &p);
  p.iUsageType = CAMERA_VIDEO_REAL_TIME;
  p.iPicWidth = w;
  p.iPicHeight = h;
  p.iTargetBitrate = bitrate;
  p.iRCMode = RC_BITRATE_MODE;
  p.fMaxFrameRate = (float)fps;
  p.iTemporalLayerNum = 1;
  p.iSpatialLayerNum = 1;
  p.uiIntraPeriod = (unsigned int)period;
  p.iNumRefFrame = 1;
  p.eSpsPpsIdStrategy = CONSTANT_ID;
  p.bPrefixNalAddingCtrl = false;
  p.bEnableSSEI = false;
  p.bSimulcastAVC = false;
  p.iEntropyCodingModeFlag = 0;
  p.bEnableFrameSkip = false;
  p.iMultipleThreadIdc = 1;
  SSpatialLayerConfig *l = &p.sSpatialLayers[0];
  l->iVideoWidth = w;
  l->iVideoHeight = h;
  l->fFrameRate = (float)fps;
  l->iSpatialBitrate = bitrate;
  l->uiProfileIdc = PRO_BASELINE;
  l->sSliceArgument.uiSliceMode = SM_SINGLE_SLICE;
  l->sSliceArgument.uiSliceNum = 1;
  l->bVideoSignalTypePresent = true;
  l->uiVideoFormat = VF_UNDEF;
  l->bFullRange = false;
  l->bColorDescriptionPresent = true;
  l->uiColorPrimaries = CP_SMPTE170M;
  l->uiTransferCharacteristics = TRC_SMPTE170M;
  l->uiColorMatrix = CM_SMPTE170M;
  int rc = (*enc)->InitializeExt(enc, &p);
  if (rc != 0) {
    fprintf(stderr, "InitializeExt failed: %d\n", rc);
    exit(1);
  }
  return enc;
}

typedef struct {
  ISVCEncoder *enc;
  SSourcePicture pic;
  SFrameBSInfo info;
  unsigned char *frames;
  int count;
  int frame_bytes;
  int fps;
  long long encoded;
  unsigned char *out;
} bench;

/* One frame: EncodeFrame, then every layer's NAL units copied once into out. Returns bytes. */
static int encode_next(bench *b) {
  unsigned char *src = b->frames + (size_t)(b->encoded % b->count) * b->frame_bytes;
  int w = b->pic.iPicWidth, h = b->pic.iPicHeight;
  b->pic.pData[0] = src;
  b->pic.pData[1] = src + w * h;
  b->pic.pData[2] = src + w * h + w * h / 4;
  b->pic.uiTimeStamp = b->encoded * 1000 / b->fps;
  int rc = (*b->enc)->EncodeFrame(b->enc, &b->pic, &b->info);
  if (rc != 0) {
    fprintf(stderr, "EncodeFrame failed: %d\n", rc);
    exit(1);
  }
  b->encoded++;
  if (b->info.eFrameType == videoFrameTypeSkip || b->info.eFrameType == videoFrameTypeInvalid) {
    return 0;
  }
  int at = 0;
  for (int i = 0; i < b->info.iLayerNum; i++) {
    SLayerBSInfo *layer = &b->info.sLayerInfo[i];
    int n = 0;
    for (int j = 0; j < layer->iNalCount; j++) {
      n += layer->pNalLengthInByte[j];
    }
    memcpy(b->out + at, layer->pBsBuf, n);
    at += n;
  }
  return at;
}

/*
 * The same encoder loop as a library, for an A/B in one process and one thread
 * (H264InProcess): gcc -O2 -shared -fPIC -o libopenh264_bench.so openh264_bench.c -lopenh264
 */
void *bench_open(const char *path, int w, int h, int fps, int bitrate, int period) {
  int frame_bytes = w * h * 3 / 2;
  FILE *f = fopen(path, "rb");
  if (!f) {
    return NULL;
  }
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  bench *b = calloc(1, sizeof(bench));
  b->frames = malloc(size);
  if (size <= 0 || size % frame_bytes != 0 || fread(b->frames, 1, size, f) != (size_t)size) {
    fclose(f);
    free(b->frames);
    free(b);
    return NULL;
  }
  fclose(f);
  b->count = (int)(size / frame_bytes);
  b->frame_bytes = frame_bytes;
  b->fps = fps;
  b->out = malloc((size_t)frame_bytes + 4096);
  b->pic.iColorFormat = videoFormatI420;
  b->pic.iStride[0] = w;
  b->pic.iStride[1] = w / 2;
  b->pic.iStride[2] = w / 2;
  b->pic.iPicWidth = w;
  b->pic.iPicHeight = h;
  b->enc = open_encoder(w, h, fps, bitrate, period);
  return b;
}

/* Encodes the next n frames of the cycle; returns the bytes written. */
long long bench_encode(void *handle, int n) {
  bench *b = handle;
  long long bytes = 0;
  for (int i = 0; i < n; i++) {
    bytes += encode_next(b);
  }
  return bytes;
}

void bench_close(void *handle) {
  bench *b = handle;
  (*b->enc)->Uninitialize(b->enc);
  WelsDestroySVCEncoder(b->enc);
  free(b->frames);
  free(b->out);
  free(b);
}

int main(int argc, char **argv) {
  if (argc != 10 && argc != 12) {
    fprintf(stderr,
            "usage: %s FRAMES.yuv WIDTH HEIGHT FPS BITRATE KEY_PERIOD WARMUP_S ITERATIONS ITER_S"
            " [STREAM_OUT.h264 STREAM_FRAMES]\n",
            argv[0]);
    return 2;
  }
  int w = atoi(argv[2]), h = atoi(argv[3]), fps = atoi(argv[4]), bitrate = atoi(argv[5]);
  int period = atoi(argv[6]), iterations = atoi(argv[8]);
  double warmup = atof(argv[7]), iter_s = atof(argv[9]);
  int frame_bytes = w * h * 3 / 2;

  FILE *f = fopen(argv[1], "rb");
  if (!f) {
    perror(argv[1]);
    return 1;
  }
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  if (size <= 0 || size % frame_bytes != 0) {
    fprintf(stderr, "%s: %ld bytes is not a whole number of %dx%d I420 frames\n", argv[1], size, w,
            h);
    return 1;
  }
  bench b;
  memset(&b, 0, sizeof b);
  b.count = (int)(size / frame_bytes);
  b.frame_bytes = frame_bytes;
  b.fps = fps;
  b.frames = malloc(size);
  b.out = malloc((size_t)frame_bytes + 4096);
  if (fread(b.frames, 1, size, f) != (size_t)size) {
    perror("fread");
    return 1;
  }
  fclose(f);
  b.pic.iColorFormat = videoFormatI420;
  b.pic.iStride[0] = w;
  b.pic.iStride[1] = w / 2;
  b.pic.iStride[2] = w / 2;
  b.pic.iPicWidth = w;
  b.pic.iPicHeight = h;

  if (argc == 12) {
    FILE *s = fopen(argv[10], "wb");
    if (!s) {
      perror(argv[10]);
      return 1;
    }
    b.enc = open_encoder(w, h, fps, bitrate, period);
    int n = atoi(argv[11]);
    for (int i = 0; i < n; i++) {
      fwrite(b.out, 1, encode_next(&b), s);
    }
    fclose(s);
    (*b.enc)->Uninitialize(b.enc);
    WelsDestroySVCEncoder(b.enc);
    b.encoded = 0;
  }

  b.enc = open_encoder(w, h, fps, bitrate, period);
  double end = now_ns() + warmup * 1e9;
  while (now_ns() < end) {
    encode_next(&b);
  }
  double *ns = malloc(sizeof(double) * iterations);
  double *cpu = malloc(sizeof(double) * iterations);
  long long total_bytes = 0, total_frames = 0;
  for (int it = 0; it < iterations; it++) {
    long long frames = 0, bytes = 0;
    double start = now_ns(), start_cpu = cpu_ns(), stop = start + iter_s * 1e9, t;
    do {
      bytes += encode_next(&b);
      frames++;
      t = now_ns();
    } while (t < stop);
    ns[it] = (t - start) / frames;
    cpu[it] = (cpu_ns() - start_cpu) / frames;
    total_bytes += bytes;
    total_frames += frames;
    printf("iteration %d: %.0f ns/frame, %.0f CPU ns/frame, %lld frames, %.0f bytes/frame\n",
           it + 1, ns[it], cpu[it], frames, (double)bytes / frames);
  }
  printf("RESULT median_ns_per_frame=%.0f mean_bytes_per_frame=%.1f median_cpu_ns_per_frame=%.0f"
         " frames=%lld iterations=%d\n",
         median(ns, iterations), (double)total_bytes / total_frames, median(cpu, iterations),
         total_frames, iterations);
  (*b.enc)->Uninitialize(b.enc);
  WelsDestroySVCEncoder(b.enc);
  free(ns);
  free(cpu);
  free(b.frames);
  free(b.out);
  return 0;
}
