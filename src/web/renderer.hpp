#pragma once
// Dear ImGui's draw lists on WebGL2. The portal owns its WebGL context, so, unlike Dear ImGui's own
// OpenGL3 backend, nothing here reads GL state back to restore it after drawing: a read
// (gl.getParameter) waits for the GPU process, and the backend's reads at every frame held the page's
// main thread far longer than the portal's own frame does. Only setters are called while drawing.
struct ImDrawData;

namespace web {

// Compiles the shaders (each draw list's buffers are made when a frame first has that many lists);
// false (with the reason on stderr) when WebGL2 refuses.
bool renderer_init();
// (Re)uploads Dear ImGui's font atlas as the texture its draw commands name (after a new pixel ratio).
void renderer_upload_fonts();
// Clears the canvas to `background` (packed like ImU32) and draws the frame.
void renderer_draw(const ImDrawData& data, unsigned int background);

}  // namespace web
