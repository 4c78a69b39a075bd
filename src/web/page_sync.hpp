#pragma once
// Keeps the page in step with the portal after each frame: its language, title and address bar, and what
// the embedding page is told (the height the content wants, the ticket just opened).
namespace web {

// Keeps the page's language, its title and the address bar on the screen shown.
void show_route();
// Reports the content's height and the ticket just opened to the embedding page, each when it changes.
void report_to_host();

}  // namespace web
