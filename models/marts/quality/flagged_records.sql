{#- Records that were staged and are used, but carry a problem a data owner should see: one row
    per record and flag.
      fx_rate_missing        money in a currency without a (fresh) rate to the reporting
                             currency: the activity counts, its amount is left out of measures
      order_without_lines    an order whose total is 0 because no valid line belongs to it
      refund_exceeds_order   more money refunded than the order's total -#}
with fct_activities as (
    select * from {{ ref('fct_activities') }}
),

order_totals as (
    select
        order_id,
        source_name,
        sum(case when activity_type in ('order_placed', 'order_cancelled') then activity_amount end)
            as order_amount,
        sum(case when activity_type = 'order_refunded' then activity_amount end) as refund_amount
    from fct_activities
    where source_name = 'shop_orders'
    group by order_id, source_name
),

flags as (
    select
        activity_id,
        'fx_rate_missing' as flag,
        'no exchange rate from ' || coalesce(currency, '?') || ' to ' || reporting_currency
        || ' valid on ' || cast(cast(occurred_at as date) as {{ dbt.type_string() }})
        || ': amount left out of money measures' as flag_detail
    from fct_activities
    where is_fx_rate_missing

    union all

    select
        fct_activities.activity_id,
        'order_without_lines' as flag,
        'order total is 0: no valid order line belongs to it' as flag_detail
    from fct_activities
    inner join order_totals
        on
            fct_activities.order_id = order_totals.order_id
            and fct_activities.source_name = order_totals.source_name
    where
        fct_activities.activity_type in ('order_placed', 'order_cancelled')
        and order_totals.order_amount = 0

    union all

    select
        fct_activities.activity_id,
        'refund_exceeds_order' as flag,
        'refunded ' || cast(order_totals.refund_amount as {{ dbt.type_string() }})
        || ' on an order of ' || cast(order_totals.order_amount as {{ dbt.type_string() }})
            as flag_detail
    from fct_activities
    inner join order_totals
        on
            fct_activities.order_id = order_totals.order_id
            and fct_activities.source_name = order_totals.source_name
    where
        fct_activities.activity_type = 'order_refunded'
        and order_totals.refund_amount > order_totals.order_amount
),

final as (
    select
        -- ids
        cast({{ dbt.hash("flags.activity_id || ':' || flags.flag") }} as {{ dbt.type_string() }})
            as flagged_record_id,
        cast(flags.activity_id as {{ dbt.type_string() }}) as activity_id,
        cast(fct_activities.customer_id as {{ dbt.type_string() }}) as customer_id,
        -- strings
        cast(fct_activities.source_name as {{ dbt.type_string() }}) as source_name,
        cast(fct_activities.source_record_id as {{ dbt.type_string() }}) as source_record_id,
        cast(flags.flag as {{ dbt.type_string() }}) as flag,
        cast(flags.flag_detail as {{ dbt.type_string() }}) as flag_detail,
        -- numerics
        cast(fct_activities.activity_amount as decimal(38, 3)) as activity_amount,
        -- timestamps
        cast(fct_activities.occurred_at as {{ dbt.type_timestamp() }}) as occurred_at
    from flags
    inner join fct_activities
        on flags.activity_id = fct_activities.activity_id
)

select * from final
