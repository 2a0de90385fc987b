/// <reference types="vite/client" />
import 'vue-router'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session (the login page). */
    public?: boolean
    /** Message key used for document.title. */
    titleKey?: string
    /** Any one of these permissions opens the page; others see the 无权访问 page. */
    permissions?: readonly string[]
  }
}
