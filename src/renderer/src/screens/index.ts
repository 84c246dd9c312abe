import type { Component } from 'vue'
import type { ScreenName } from '../../../core/protocol'
import AmountScreen from './AmountScreen.vue'
import BankCardDeclinedScreen from './BankCardDeclinedScreen.vue'
import BankCardScreen from './BankCardScreen.vue'
import BankCardTimeoutScreen from './BankCardTimeoutScreen.vue'
import BillJamScreen from './BillJamScreen.vue'
import CardBlockedScreen from './CardBlockedScreen.vue'
import CardExpiredScreen from './CardExpiredScreen.vue'
import CardReadErrorScreen from './CardReadErrorScreen.vue'
import CardScreen from './CardScreen.vue'
import CardUnknownScreen from './CardUnknownScreen.vue'
import CardWriteScreen from './CardWriteScreen.vue'
import CashScreen from './CashScreen.vue'
import CheckingCardScreen from './CheckingCardScreen.vue'
import CreditingScreen from './CreditingScreen.vue'
import IdleScreen from './IdleScreen.vue'
import OutOfServiceScreen from './OutOfServiceScreen.vue'
import PaymentMethodScreen from './PaymentMethodScreen.vue'
import ReceiptScreen from './ReceiptScreen.vue'
import ServiceUnavailableScreen from './ServiceUnavailableScreen.vue'
import StorageFailedScreen from './StorageFailedScreen.vue'
import ThankYouScreen from './ThankYouScreen.vue'

/** One component per screen the core names; the record type makes a missing screen a type error. */
export const SCREEN_COMPONENTS: Record<ScreenName, Component> = {
  idle: IdleScreen,
  outOfService: OutOfServiceScreen,
  card: CardScreen,
  checkingCard: CheckingCardScreen,
  cardReadError: CardReadErrorScreen,
  cardUnknown: CardUnknownScreen,
  cardBlocked: CardBlockedScreen,
  cardExpired: CardExpiredScreen,
  serviceUnavailable: ServiceUnavailableScreen,
  amount: AmountScreen,
  paymentMethod: PaymentMethodScreen,
  cash: CashScreen,
  bankCard: BankCardScreen,
  bankCardDeclined: BankCardDeclinedScreen,
  bankCardTimeout: BankCardTimeoutScreen,
  billJam: BillJamScreen,
  crediting: CreditingScreen,
  cardWrite: CardWriteScreen,
  receipt: ReceiptScreen,
  thankYou: ThankYouScreen,
  storageFailed: StorageFailedScreen,
  journalUntrusted: OutOfServiceScreen
}
