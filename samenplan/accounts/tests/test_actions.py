from base64 import b32encode

from django_otp.plugins.otp_totp.models import TOTPDevice

from samenplan.accounts.actions import (
    do_confirm_totp_device,
    do_set_totp_device,
    do_start_totp_setup,
)

DEMO_KEY = "48656c6c6f21deadbeef48656c6c6f21deadbeef"


def test_the_demo_key_is_the_documented_base32_secret(provider):
    device = do_set_totp_device(provider, DEMO_KEY)
    assert b32encode(device.bin_key).decode() == "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    assert device.confirmed


def test_setting_a_device_replaces_the_old_one(provider):
    old = do_set_totp_device(provider, "00" * 20)
    new = do_set_totp_device(provider, DEMO_KEY, confirmed=False)
    assert list(TOTPDevice.objects.filter(user=provider)) == [new]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    assert not new.confirmed


def test_confirming_a_device_removes_the_others(provider):
    old = do_set_totp_device(provider, DEMO_KEY)
    new = do_start_totp_setup(provider)
    do_confirm_totp_device(new)
    assert list(TOTPDevice.objects.filter(user=provider)) == [new]
    assert new.confirmed
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
