# The compile definitions Dear ImGui is built with; every target that includes imgui.h must use the same.
# IMGUI_ENABLE_TEST_ENGINE turns on the item hooks (we define them, no test-engine library).
set(PORTAL_IMGUI_DEFINITIONS IMGUI_ENABLE_TEST_ENGINE IMGUI_DISABLE_FILE_FUNCTIONS IMGUI_DISABLE_OBSOLETE_FUNCTIONS
    IMGUI_DISABLE_OBSOLETE_KEYIO)
# The portal's own builds (web and native) also leave out what it never shows: Dear ImGui's debug tools
# (the metrics and ID stack windows, the debug log), 3.1 KB brotli of the wasm. Baseline A's stock build
# (IMGUI_STOCK) keeps them, as a bare Dear ImGui window has them.
set(PORTAL_IMGUI_LEAN_DEFINITIONS IMGUI_DISABLE_DEBUG_TOOLS)
set(PORTAL_IMGUI_WEB_DEFINITIONS IMGUI_IMPL_OPENGL_ES3)
