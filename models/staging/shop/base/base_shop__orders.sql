{{ config(enabled=input_enabled('demo'), materialized='table') }}

with raw_shop__orders as (
    select
        raw_rows.*,
        {{ row_as_json('raw_rows') }} as raw_record
    from {{ shop_raw('orders') }} as raw_rows
),

typed as (
    select
        -- ids
        {{ clean_text('order_id') }} as order_id,
        {{ clean_text('contact_id') }} as contact_id,
        -- strings
        {{ clean_text('guest_email') }} as guest_email,
        {{ clean_text('guest_phone') }} as guest_phone,
        lower({{ clean_text('channel') }}) as channel,
        upper({{ clean_text('currency') }}) as currency,
        lower({{ clean_text('status') }}) as order_status,
        -- numerics: money in the order's currency
        {{ parse_decimal(clean_text('refund_amount'), scale=3, max_integer_digits=12) }}
            as refund_amount,
        {{ clean_text('refund_amount') }} as refund_amount_raw,
        -- timestamps
        {{ parse_timestamp_utc('ordered_at', var('shop_time_zone')) }} as ordered_at,
        {{ parse_timestamp_utc('refunded_at', var('shop_time_zone')) }} as refunded_at,
        {{ clean_text('refunded_at') }} as refunded_at_raw,
        -- raw
        raw_record
    from raw_shop__orders
),

checked as (
    select
        *,
        case
            when order_id is null then 'missing order_id'
            when ordered_at is null then 'unparseable ordered_at'
            when {{ is_after_build_start('ordered_at') }}
                then 'ordered_at in the future (a wrong clock)'
            when contact_id is null and guest_email is null and guest_phone is null
                then 'no identifier: contact_id, guest_email and guest_phone empty'
            when currency is null then 'missing currency'
            when
                order_status not in ('completed', 'refunded', 'partially_refunded', 'cancelled')
                or order_status is null
                then 'unknown status'
            when refund_amount_raw is not null and refund_amount is null
                then 'unparseable refund_amount'
            when refunded_at_raw is not null and refunded_at is null
                then 'unparseable refunded_at'
            when (refund_amount is null) != (refunded_at is null)
                then 'refund_amount and refunded_at must both be set or both empty'
            when refund_amount <= 0 then 'refund_amount must be positive'
            when refunded_at < ordered_at then 'refunded_at is before ordered_at'
            when {{ is_after_build_start('refunded_at') }}
                then 'refunded_at in the future (a wrong clock)'
            when order_status in ('refunded', 'partially_refunded') and refund_amount is null
                then 'status ' || order_status || ' without refund_amount'
            when order_status in ('completed', 'cancelled') and refund_amount is not null
                then 'refund on an order with status ' || order_status
            when {{ has_conflicting_versions('order_id') }}
                then 'conflicting rows share this order_id'
        end as quarantine_reason
    from typed
),

final as (
    select
        *,
        {{ duplicate_rank('order_id', 'ordered_at') }} as duplicate_rank
    from checked
)

select * from final
