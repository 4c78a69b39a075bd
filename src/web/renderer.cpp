#include "web/renderer.hpp"

#include <GLES3/gl3.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

#include "imgui.h"
#include "web/changed_bytes.hpp"

namespace web {

namespace {

GLuint program = 0, font_texture = 0;
GLint projection_at = -1;

// A GL buffer and a copy of the bytes it holds, so that a frame sends only the bytes that changed.
struct Buffer {
    GLuint name = 0;
    GLsizeiptr capacity = 0;
    std::vector<unsigned char> held;
};

// The n-th draw list of each frame is drawn from the n-th slot: its own buffers, and a vertex array
// that names them (one bind per list).
struct Slot {
    GLuint vertex_array = 0;
    Buffer vertices, indices;
};
std::vector<Slot> slots;

constexpr const char* vertex_shader = R"(#version 300 es
precision highp float;
layout (location = 0) in vec2 position;
layout (location = 1) in vec2 uv;
layout (location = 2) in vec4 color;
uniform mat4 projection;
out vec2 frag_uv;
out vec4 frag_color;
void main() {
    frag_uv = uv;
    frag_color = color;
    gl_Position = projection * vec4(position, 0.0, 1.0);
})";

constexpr const char* fragment_shader = R"(#version 300 es
precision mediump float;
uniform sampler2D atlas;
in vec2 frag_uv;
in vec4 frag_color;
layout (location = 0) out vec4 out_color;
void main() {
    out_color = vec4(frag_color.rgb, frag_color.a * texture(atlas, frag_uv).r);
})";

GLuint compile(GLenum type, const char* source) {
    GLuint shader = glCreateShader(type);
    glShaderSource(shader, 1, &source, nullptr);
    glCompileShader(shader);
    GLint ok = 0;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[512] = {};
        glGetShaderInfoLog(shader, sizeof log, nullptr, log);
        std::fprintf(stderr, "portal: a WebGL shader did not compile: %s\n", log);
        glDeleteShader(shader);
        return 0;
    }
    return shader;
}

// Brings the buffer bound at `target` to `size` bytes of `data`, sending the GPU process only the span
// that differs from what the buffer held: each byte sent is copied through Chromium's command buffer,
// a screen full of text is a great many vertices, and a frame drawn again after a pointer move usually
// changes only a few colours.
void upload(GLenum target, Buffer& buffer, const void* data, size_t size) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    if (static_cast<GLsizeiptr>(size) > buffer.capacity) {
        buffer.capacity = static_cast<GLsizeiptr>(size + size / 2);
        glBufferData(target, buffer.capacity, nullptr, GL_DYNAMIC_DRAW);
        glBufferSubData(target, 0, static_cast<GLsizeiptr>(size), bytes);
        buffer.held.assign(bytes, bytes + size);
        return;
    }
    const ByteSpan change = changed_bytes(buffer.held.data(), buffer.held.size(), bytes, size);
    buffer.held.resize(size);
    if (change.empty()) return;
    glBufferSubData(target, static_cast<GLintptr>(change.first), static_cast<GLsizeiptr>(change.end - change.first),
                    bytes + change.first);
    std::memcpy(buffer.held.data() + change.first, bytes + change.first, change.end - change.first);
}

Slot& slot(int n) {
    while (static_cast<int>(slots.size()) <= n) {
        Slot made;
        glGenVertexArrays(1, &made.vertex_array);
        glGenBuffers(1, &made.vertices.name);
        glGenBuffers(1, &made.indices.name);
        glBindVertexArray(made.vertex_array);
        glBindBuffer(GL_ARRAY_BUFFER, made.vertices.name);
        glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, made.indices.name);  // kept by the vertex array
        glEnableVertexAttribArray(0);
        glEnableVertexAttribArray(1);
        glEnableVertexAttribArray(2);
        const auto stride = static_cast<GLsizei>(sizeof(ImDrawVert));
        glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(ImDrawVert, pos)));
        glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(ImDrawVert, uv)));
        glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, reinterpret_cast<void*>(offsetof(ImDrawVert, col)));
        slots.push_back(std::move(made));
    }
    return slots[static_cast<size_t>(n)];
}

}  // namespace

bool renderer_init() {
    const GLuint vs = compile(GL_VERTEX_SHADER, vertex_shader);
    const GLuint fs = compile(GL_FRAGMENT_SHADER, fragment_shader);
    if (!vs || !fs) return false;
    program = glCreateProgram();
    glAttachShader(program, vs);
    glAttachShader(program, fs);
    glLinkProgram(program);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = 0;
    glGetProgramiv(program, GL_LINK_STATUS, &ok);
    if (!ok) {
        std::fprintf(stderr, "portal: the WebGL program did not link\n");
        return false;
    }
    projection_at = glGetUniformLocation(program, "projection");
    glUseProgram(program);
    glUniform1i(glGetUniformLocation(program, "atlas"), 0);
    ImGui::GetIO().BackendRendererName = "portal_webgl2";
    return true;
}

void renderer_upload_fonts() {
    ImGuiIO& io = ImGui::GetIO();
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    // The atlas as Dear ImGui builds it, one byte of coverage a pixel (the shader reads it as the alpha
    // of white): no RGBA copy to make, and a quarter of the bytes to send the GPU process.
    io.Fonts->GetTexDataAsAlpha8(&pixels, &width, &height);
    if (!font_texture) glGenTextures(1, &font_texture);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, font_texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(font_texture)));
}

void renderer_draw(const ImDrawData& data, ImU32 background) {
    const int width = static_cast<int>(data.DisplaySize.x * data.FramebufferScale.x);
    const int height = static_cast<int>(data.DisplaySize.y * data.FramebufferScale.y);
    if (width <= 0 || height <= 0 || !program) return;
    // The whole state, set every frame (setters only: nothing waits for the GPU).
    glViewport(0, 0, width, height);
    glDisable(GL_SCISSOR_TEST);
    const ImVec4 clear = ImGui::ColorConvertU32ToFloat4(background);
    glClearColor(clear.x, clear.y, clear.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glEnable(GL_SCISSOR_TEST);
    glUseProgram(program);
    const float l = data.DisplayPos.x, r = data.DisplayPos.x + data.DisplaySize.x;
    const float t = data.DisplayPos.y, b = data.DisplayPos.y + data.DisplaySize.y;
    const float projection[16] = {2.0f / (r - l), 0, 0, 0, 0, 2.0f / (t - b), 0, 0, 0, 0, -1.0f, 0,
                                  (r + l) / (l - r), (t + b) / (b - t), 0, 1.0f};
    glUniformMatrix4fv(projection_at, 1, GL_FALSE, projection);
    glActiveTexture(GL_TEXTURE0);

    const ImVec2 offset = data.DisplayPos, scale = data.FramebufferScale;
    const GLenum index_type = sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT;
    GLuint bound_texture = 0;
    for (int n = 0; n < data.CmdListsCount; ++n) {
        const ImDrawList& list = *data.CmdLists[n];
        Slot& from = slot(n);
        glBindVertexArray(from.vertex_array);
        glBindBuffer(GL_ARRAY_BUFFER, from.vertices.name);
        upload(GL_ARRAY_BUFFER, from.vertices, list.VtxBuffer.Data, static_cast<size_t>(list.VtxBuffer.Size) * sizeof(ImDrawVert));
        upload(GL_ELEMENT_ARRAY_BUFFER, from.indices, list.IdxBuffer.Data, static_cast<size_t>(list.IdxBuffer.Size) * sizeof(ImDrawIdx));
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            if (cmd.UserCallback) {  // the portal draws none; Dear ImGui's reset asks for nothing here
                if (cmd.UserCallback != ImDrawCallback_ResetRenderState) cmd.UserCallback(&list, &cmd);
                continue;
            }
            const ImVec2 min((cmd.ClipRect.x - offset.x) * scale.x, (cmd.ClipRect.y - offset.y) * scale.y);
            const ImVec2 max((cmd.ClipRect.z - offset.x) * scale.x, (cmd.ClipRect.w - offset.y) * scale.y);
            if (max.x <= min.x || max.y <= min.y) continue;
            glScissor(static_cast<int>(min.x), static_cast<int>(static_cast<float>(height) - max.y),
                      static_cast<int>(max.x - min.x), static_cast<int>(max.y - min.y));
            const auto texture = static_cast<GLuint>(reinterpret_cast<std::intptr_t>(cmd.GetTexID()));
            if (texture != bound_texture) {
                glBindTexture(GL_TEXTURE_2D, texture);
                bound_texture = texture;
            }
            glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(cmd.ElemCount), index_type,
                           reinterpret_cast<void*>(static_cast<std::intptr_t>(cmd.IdxOffset * sizeof(ImDrawIdx))));
        }
    }
}

}  // namespace web
