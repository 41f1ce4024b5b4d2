{#- Revenue in = revenue out: the money of the staged order lines of each input equals the money
    of its order activities in fct_activities (in the orders' own currencies, no conversion).
    Shop orders: placed + cancelled order totals. Online Retail: invoices minus cancellation
    invoices (refund activities carry the money returned as a positive amount). Activities of
    erased profiles count too: erasure removes them from the marts, not from the books. -#}
with reconciliation as (
    select
        staged_amount,
        case source_table
            when 'shop.order_lines' then 'shop_orders'
            when 'online_retail.order_lines' then 'online_retail'
        end as source_name
    from {{ ref('row_count_reconciliation') }}
    where source_table in ('shop.order_lines', 'online_retail.order_lines')
),

activities as (
    select
        source_name,
        sum(
            case
                when activity_type in ('order_placed', 'order_cancelled') then activity_amount
                when activity_type = 'order_refunded' and source_name = 'online_retail'
                    then -activity_amount
                else 0
            end
        ) as activity_amount
    from (
        select
            source_name,
            activity_type,
            activity_amount
        from {{ ref('fct_activities') }}
        union all
        -- activities of profiles erased on request are missing from the marts on purpose
        select
            source_name,
            activity_type,
            activity_amount
        from {{ ref('int_activities_attributed') }}
        where {{ is_erased_customer('customer_id') }}
    ) as kept_and_erased
    where source_name in ('shop_orders', 'online_retail')
    group by source_name
)

select
    reconciliation.source_name,
    reconciliation.staged_amount,
    activities.activity_amount
from reconciliation
left join activities
    on reconciliation.source_name = activities.source_name
where coalesce(activities.activity_amount, 0) != reconciliation.staged_amount
