/**
 * Internal: command-line tools ({@code ListDevices}, {@code AbiSelfCheck}). Their output is for
 * people; their classes may change in any release.
 */
package io.eyetoystreamer.v4l2.tools;
