# The compile definitions Dear ImGui is built with; every target that includes imgui.h must use the same.
# IMGUI_ENABLE_TEST_ENGINE turns on the item hooks (we define them, no test-engine library).
set(PORTAL_IMGUI_DEFINITIONS IMGUI_ENABLE_TEST_ENGINE IMGUI_DISABLE_FILE_FUNCTIONS IMGUI_DISABLE_OBSOLETE_FUNCTIONS
    IMGUI_DISABLE_OBSOLETE_KEYIO)
set(PORTAL_IMGUI_WEB_DEFINITIONS IMGUI_IMPL_OPENGL_ES3)
