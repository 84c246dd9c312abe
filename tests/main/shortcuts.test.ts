import { describe, expect, it } from 'vitest'
import { isBlockedKioskShortcut, type KeyInput } from '../../src/main/shortcuts'

const key = (key: string, code: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  type: 'keyDown',
  key,
  code,
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...mods
})

describe('kiosk shortcuts', () => {
  it.each([
    ['Ctrl+R (reload)', key('r', 'KeyR', { control: true })],
    ['Cmd+R (reload)', key('r', 'KeyR', { meta: true })],
    ['Ctrl+R on a Russian layout', key('к', 'KeyR', { control: true })],
    ['Ctrl+Shift+R (hard reload)', key('R', 'KeyR', { control: true, shift: true })],
    ['F5 (reload)', key('F5', 'F5')],
    ['Ctrl+Shift+I (devtools)', key('I', 'KeyI', { control: true, shift: true })],
    ['Cmd+Alt+I (devtools)', key('ˆ', 'KeyI', { meta: true, alt: true })],
    ['Ctrl+Shift+J (console)', key('J', 'KeyJ', { control: true, shift: true })],
    ['F12 (devtools)', key('F12', 'F12')],
    ['F11 (leave full screen)', key('F11', 'F11')],
    ['Ctrl+W (close)', key('w', 'KeyW', { control: true })],
    ['Cmd+Q (quit)', key('q', 'KeyQ', { meta: true })],
    ['Alt+F4 (close)', key('F4', 'F4', { alt: true })],
    ['Ctrl+F4 (close)', key('F4', 'F4', { control: true })],
    ['Ctrl+= (zoom in)', key('=', 'Equal', { control: true })],
    ['Ctrl+Shift+= (zoom in)', key('+', 'Equal', { control: true, shift: true })],
    ['Ctrl+- (zoom out)', key('-', 'Minus', { control: true })],
    ['Ctrl+0 (zoom reset)', key('0', 'Digit0', { control: true })],
    ['Ctrl+numpad + (zoom in)', key('+', 'NumpadAdd', { control: true })],
    ['Alt+Left (back)', key('ArrowLeft', 'ArrowLeft', { alt: true })],
    ['Ctrl+P (print)', key('p', 'KeyP', { control: true })],
    ['Ctrl+P on a Kazakh layout (Ctrl+з)', key('з', 'KeyP', { control: true })],
    ['Ctrl+L (address bar)', key('l', 'KeyL', { control: true })],
    ['Alt+D (address bar)', key('d', 'KeyD', { alt: true })],
    ['F6 (address bar)', key('F6', 'F6')],
    ['Ctrl+Shift+C (inspector)', key('C', 'KeyC', { control: true, shift: true })],
    ['Ctrl+Tab (next tab)', key('Tab', 'Tab', { control: true })],
    ['Alt+Home (home page)', key('Home', 'Home', { alt: true })],
    ['the Print key', key('Print', 'Print')]
  ])('blocks %s', (_name, input) => {
    expect(isBlockedKioskShortcut(input)).toBe(true)
  })

  it.each([
    ['digits on the keypad', key('5', 'Digit5')],
    ['Backspace', key('Backspace', 'Backspace')],
    ['Enter', key('Enter', 'Enter')],
    ['plain R', key('r', 'KeyR')],
    ['Ctrl+C (copy)', key('c', 'KeyC', { control: true })],
    ['Shift+digit (a symbol on the keypad)', key('!', 'Digit1', { shift: true })],
    ['Tab (focus moves between the screen’s buttons)', key('Tab', 'Tab')],
    ['Escape (closes a dialog)', key('Escape', 'Escape')],
    ['Ctrl+R released', { ...key('r', 'KeyR', { control: true }), type: 'keyUp' }]
  ])('lets %s through', (_name, input) => {
    expect(isBlockedKioskShortcut(input)).toBe(false)
  })
})
