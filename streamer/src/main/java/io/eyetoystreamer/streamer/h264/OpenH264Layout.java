package io.eyetoystreamer.streamer.h264;

import java.util.List;

/**
 * The layouts of the OpenH264 2.3 structs the encoder passes, as declared in {@code
 * wels/codec_app_def.h} ({@code libopenh264-dev}), for one ABI. Every member is declared, in the
 * header's order, so that offsets and sizes follow from the declarations; {@code
 * OpenH264LayoutProbeTest} compares each one with what gcc and the ARM cross compilers compute from
 * the header itself.
 *
 * <p>The member names are the header's; the {@code int} fields hold the offsets the encoder uses on
 * every frame, resolved once.
 */
final class OpenH264Layout {
  /** {@code MAX_SPATIAL_LAYER_NUM}. */
  static final int MAX_SPATIAL_LAYER_NUM = 4;

  /** {@code MAX_LAYER_NUM_OF_FRAME}: the length of {@code SFrameBSInfo.sLayerInfo}. */
  static final int MAX_LAYER_NUM_OF_FRAME = 128;

  /**
   * {@code MAX_SLICES_NUM_TMP}: {@code (MAX_NAL_UNITS_IN_LAYER - SAVED_NALUNIT_NUM_TMP) / 3} with
   * 128 NAL units in a layer and {@code SAVED_NALUNIT_NUM_TMP} = 4 * 4 + 1 + 4.
   */
  static final int MAX_SLICES_NUM_TMP = (128 - (4 * 4 + 1 + 4)) / 3;

  final CAbi abi;
  final CStruct version;
  final CStruct sliceArgument;
  final CStruct spatialLayerConfig;
  final CStruct encParamExt;
  final CStruct layerBsInfo;
  final CStruct frameBsInfo;
  final CStruct sourcePicture;

  // SSourcePicture
  final int picColorFormat;
  final int picStride;
  final int picData;
  final int picWidth;
  final int picHeight;
  final int picTimeStamp;

  // SFrameBSInfo and SLayerBSInfo
  final int bsLayerNum;
  final int bsLayerInfo;
  final int bsFrameType;
  final int bsFrameSize;
  final int layerFrameType;
  final int layerNalCount;
  final int layerNalLengths;
  final int layerBsBuf;

  private OpenH264Layout(CAbi abi) {
    this.abi = abi;
    version =
        CStruct.builder("OpenH264Version", abi)
            .int32("uMajor")
            .int32("uMinor")
            .int32("uRevision")
            .int32("uReserved")
            .build();
    sliceArgument =
        CStruct.builder("SSliceArgument", abi)
            .int32("uiSliceMode")
            .int32("uiSliceNum")
            .int32Array("uiSliceMbNum", MAX_SLICES_NUM_TMP)
            .int32("uiSliceSizeConstraint")
            .build();
    spatialLayerConfig =
        CStruct.builder("SSpatialLayerConfig", abi)
            .int32("iVideoWidth")
            .int32("iVideoHeight")
            .int32("fFrameRate")
            .int32("iSpatialBitrate")
            .int32("iMaxSpatialBitrate")
            .int32("uiProfileIdc")
            .int32("uiLevelIdc")
            .int32("iDLayerQp")
            .struct("sSliceArgument", sliceArgument)
            .int8("bVideoSignalTypePresent")
            .int8("uiVideoFormat")
            .int8("bFullRange")
            .int8("bColorDescriptionPresent")
            .int8("uiColorPrimaries")
            .int8("uiTransferCharacteristics")
            .int8("uiColorMatrix")
            .int8("bAspectRatioPresent")
            .int32("eAspectRatio")
            .int16("sAspectRatioExtWidth")
            .int16("sAspectRatioExtHeight")
            .build();
    encParamExt =
        CStruct.builder("SEncParamExt", abi)
            .int32("iUsageType")
            .int32("iPicWidth")
            .int32("iPicHeight")
            .int32("iTargetBitrate")
            .int32("iRCMode")
            .int32("fMaxFrameRate")
            .int32("iTemporalLayerNum")
            .int32("iSpatialLayerNum")
            .structArray("sSpatialLayers", spatialLayerConfig, MAX_SPATIAL_LAYER_NUM)
            .int32("iComplexityMode")
            .int32("uiIntraPeriod")
            .int32("iNumRefFrame")
            .int32("eSpsPpsIdStrategy")
            .int8("bPrefixNalAddingCtrl")
            .int8("bEnableSSEI")
            .int8("bSimulcastAVC")
            .int32("iPaddingFlag")
            .int32("iEntropyCodingModeFlag")
            .int8("bEnableFrameSkip")
            .int32("iMaxBitrate")
            .int32("iMaxQp")
            .int32("iMinQp")
            .int32("uiMaxNalSize")
            .int8("bEnableLongTermReference")
            .int32("iLTRRefNum")
            .int32("iLtrMarkPeriod")
            .int16("iMultipleThreadIdc")
            .int8("bUseLoadBalancing")
            .int32("iLoopFilterDisableIdc")
            .int32("iLoopFilterAlphaC0Offset")
            .int32("iLoopFilterBetaOffset")
            .int8("bEnableDenoise")
            .int8("bEnableBackgroundDetection")
            .int8("bEnableAdaptiveQuant")
            .int8("bEnableFrameCroppingFlag")
            .int8("bEnableSceneChangeDetect")
            .int8("bIsLosslessLink")
            .int8("bFixRCOverShoot")
            .int32("iIdrBitrateRatio")
            .build();
    layerBsInfo =
        CStruct.builder("SLayerBSInfo", abi)
            .int8("uiTemporalId")
            .int8("uiSpatialId")
            .int8("uiQualityId")
            .int32("eFrameType")
            .int8("uiLayerType")
            .int32("iSubSeqId")
            .int32("iNalCount")
            .pointer("pNalLengthInByte")
            .pointer("pBsBuf")
            .build();
    frameBsInfo =
        CStruct.builder("SFrameBSInfo", abi)
            .int32("iLayerNum")
            .structArray("sLayerInfo", layerBsInfo, MAX_LAYER_NUM_OF_FRAME)
            .int32("eFrameType")
            .int32("iFrameSizeInBytes")
            .int64("uiTimeStamp")
            .build();
    sourcePicture =
        CStruct.builder("SSourcePicture", abi)
            .int32("iColorFormat")
            .int32Array("iStride", 4)
            .pointerArray("pData", 4)
            .int32("iPicWidth")
            .int32("iPicHeight")
            .int64("uiTimeStamp")
            .build();

    picColorFormat = sourcePicture.offset("iColorFormat");
    picStride = sourcePicture.offset("iStride");
    picData = sourcePicture.offset("pData");
    picWidth = sourcePicture.offset("iPicWidth");
    picHeight = sourcePicture.offset("iPicHeight");
    picTimeStamp = sourcePicture.offset("uiTimeStamp");
    bsLayerNum = frameBsInfo.offset("iLayerNum");
    bsLayerInfo = frameBsInfo.offset("sLayerInfo");
    bsFrameType = frameBsInfo.offset("eFrameType");
    bsFrameSize = frameBsInfo.offset("iFrameSizeInBytes");
    layerFrameType = layerBsInfo.offset("eFrameType");
    layerNalCount = layerBsInfo.offset("iNalCount");
    layerNalLengths = layerBsInfo.offset("pNalLengthInByte");
    layerBsBuf = layerBsInfo.offset("pBsBuf");
  }

  /** The layouts for {@code abi}. */
  static OpenH264Layout of(CAbi abi) {
    return new OpenH264Layout(abi);
  }

  /** Every struct, for the probe. */
  List<CStruct> all() {
    return List.of(
        version,
        sliceArgument,
        spatialLayerConfig,
        encParamExt,
        layerBsInfo,
        frameBsInfo,
        sourcePicture);
  }

  /** Offset of {@code SEncParamExt}'s member {@code path}. */
  int param(String path) {
    return encParamExt.offset(path);
  }

  /** Offset of {@code sSpatialLayers[0]}'s member {@code path} in {@code SEncParamExt}. */
  int layer0(String path) {
    return encParamExt.offset("sSpatialLayers[0]." + path);
  }
}
