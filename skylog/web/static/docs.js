// Swagger UI for /docs, from the bundled copy (no CDN), without inline script.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
