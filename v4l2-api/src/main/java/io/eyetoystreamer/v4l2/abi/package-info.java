/**
 * Internal: kernel struct layouts per ABI, ioctl numbers and field accessors. Public only so that a
 * simulated device (fake-eyetoy) can decode requests; not covered by the compatibility check, and
 * may change in any release.
 */
package io.eyetoystreamer.v4l2.abi;
