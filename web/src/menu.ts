// Entries of the side menu. A module adds one line here (and its route in router/index.ts).
import type { Component } from 'vue'
import { Odometer } from '@element-plus/icons-vue'

export interface MenuEntry {
  /** Stable id; the menu item gets data-testid="menu-<key>". */
  key: string
  /** Route path the entry opens; also marks it active for that path and below. */
  path: string
  /** Message key of the label. */
  titleKey: string
  icon: Component
  /** Shown only to users holding one of these roles (omit: everyone). */
  roles?: readonly string[]
}

export const menuEntries: readonly MenuEntry[] = [
  { key: 'dashboard', path: '/', titleKey: 'menu.dashboard', icon: Odometer },
]

export function visibleEntries(roles: readonly string[]): MenuEntry[] {
  return menuEntries.filter((e) => !e.roles || e.roles.some((r) => roles.includes(r)))
}

/** The entry whose path is the longest prefix of `path` ('/' only matches itself). */
export function activeEntry(path: string, entries: readonly MenuEntry[]): MenuEntry | undefined {
  let best: MenuEntry | undefined
  for (const e of entries) {
    const hit = e.path === '/' ? path === '/' : path === e.path || path.startsWith(e.path + '/')
    if (hit && (!best || e.path.length > best.path.length)) best = e
  }
  return best
}
