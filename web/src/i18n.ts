import { computed } from 'vue'
import { createI18n } from 'vue-i18n'
import zhCN, { type Messages } from './locales/zh-CN'
import en from './locales/en'
import epZhCn from 'element-plus/es/locale/lang/zh-cn'
import epEn from 'element-plus/es/locale/lang/en'

export type Lang = 'zh-CN' | 'en'
export const LANGS: readonly Lang[] = ['zh-CN', 'en']
export const DEFAULT_LANG: Lang = 'zh-CN'
const STORAGE_KEY = 'guanxi.lang'

function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value)
}

function storedLang(): Lang {
  try {
    const value = localStorage.getItem(STORAGE_KEY)
    if (isLang(value)) return value
  } catch {
    // Storage may be unavailable (privacy mode); fall back to the default.
  }
  return DEFAULT_LANG
}

export const i18n = createI18n<[Messages], Lang, false>({
  legacy: false,
  locale: storedLang(),
  fallbackLocale: DEFAULT_LANG,
  messages: { 'zh-CN': zhCN, en },
})

/** The current UI language; also the value sent as Accept-Language. */
export function currentLang(): Lang {
  return i18n.global.locale.value
}

export function setLang(lang: Lang): void {
  i18n.global.locale.value = lang
  try {
    localStorage.setItem(STORAGE_KEY, lang)
  } catch {
    // Not remembered, but the switch still works for this page.
  }
  document.documentElement.lang = lang
}

/** Element Plus's own texts (pagination, date pickers, …) follow the app language. */
export const elementLocale = computed(() => (i18n.global.locale.value === 'en' ? epEn : epZhCn))

document.documentElement.lang = currentLang()
