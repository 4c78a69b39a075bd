// SDL's game controllers for the portal's link. Dear ImGui's SDL2 backend opens controller 0 each frame
// when gamepad navigation is on (ImGuiConfigFlags_NavEnableGamepad), which the portal never turns on;
// the portal's SDL2 is built without joystick support (scripts/setup.sh), so SDL_GameControllerOpen could
// only fail there. Yet the backend's references kept SDL's whole controller layer in the wasm: the
// mapping database of known controllers, its parser, the joystick list (24 KB of the wasm, 7.7 KB brotli).
// The web link (cmake/web.cmake, wasm-ld's --wrap) sends the backend's four calls here, where the answer
// is the one SDL gives without joysticks: no controller.
#include <SDL.h>

extern "C" {
SDL_GameController* __wrap_SDL_GameControllerOpen(int) {
    SDL_SetError("SDL not built with joystick support");
    return nullptr;
}
Uint8 __wrap_SDL_GameControllerGetButton(SDL_GameController*, SDL_GameControllerButton) { return 0; }
Sint16 __wrap_SDL_GameControllerGetAxis(SDL_GameController*, SDL_GameControllerAxis) { return 0; }
void __wrap_SDL_GameControllerClose(SDL_GameController*) {}
}
