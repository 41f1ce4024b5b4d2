{#- One row per unified profile (known and unknown) with its activity and money measures.
    Money is in var('reporting_currency'); an order or refund whose currency has no rate in
    seeds/config/fx_rates.csv is excluded from the money measures and counted in
    unconverted_order_count instead. -#}
with fct_activities as (
    select * from {{ ref('fct_activities') }}
),

dim_customers as (
    select * from {{ ref('dim_customers') }}
),

fct_sessions as (
    select * from {{ ref('fct_sessions') }}
),

session_counts as (
    select
        customer_id,
        count(*) as session_count
    from fct_sessions
    group by customer_id
),

activity_counts as (
    select
        customer_id,
        count(*) as activity_count,
        sum(case when activity_type = 'page_view' then 1 else 0 end) as page_view_count,
        sum(case when activity_type = 'screen_view' then 1 else 0 end) as screen_view_count,
        sum(case when activity_type = 'product_view' then 1 else 0 end) as product_view_count,
        sum(case when activity_type = 'add_to_cart' then 1 else 0 end) as add_to_cart_count,
        sum(case when activity_type = 'checkout_started' then 1 else 0 end)
            as checkout_started_count,
        sum(case when activity_type = 'order_placed' then 1 else 0 end) as order_count,
        sum(case when activity_type = 'order_refunded' then 1 else 0 end) as refund_count,
        sum(case when channel = 'mobile_app' then 1 else 0 end) as app_activity_count,
        sum(
            case
                when activity_type in ('order_placed', 'order_refunded') and is_fx_rate_missing
                    then 1
                else 0
            end
        ) as unconverted_order_count,
        sum(
            case
                when activity_type = 'order_placed' then coalesce(reporting_amount, 0) else 0
            end
        ) as gross_revenue_amount,
        sum(
            case
                when activity_type = 'order_refunded' then coalesce(reporting_amount, 0) else 0
            end
        ) as refunded_amount,
        min(occurred_at) as first_activity_at,
        max(occurred_at) as last_activity_at,
        max(case when activity_type = 'order_placed' then occurred_at end) as last_order_at
    from fct_activities
    group by customer_id
),

final as (
    select
        -- ids
        cast(dim_customers.customer_id as {{ dbt.type_string() }}) as customer_id,
        -- strings
        cast({{ sql_string(var('reporting_currency')) }} as {{ dbt.type_string() }})
            as reporting_currency,
        -- numerics: counts
        cast(coalesce(activity_counts.activity_count, 0) as bigint) as activity_count,
        cast(coalesce(session_counts.session_count, 0) as bigint) as session_count,
        cast(coalesce(activity_counts.page_view_count, 0) as bigint) as page_view_count,
        cast(coalesce(activity_counts.screen_view_count, 0) as bigint) as screen_view_count,
        cast(coalesce(activity_counts.product_view_count, 0) as bigint) as product_view_count,
        cast(coalesce(activity_counts.add_to_cart_count, 0) as bigint) as add_to_cart_count,
        cast(coalesce(activity_counts.checkout_started_count, 0) as bigint)
            as checkout_started_count,
        cast(coalesce(activity_counts.order_count, 0) as bigint) as order_count,
        cast(coalesce(activity_counts.refund_count, 0) as bigint) as refund_count,
        cast(coalesce(activity_counts.app_activity_count, 0) as bigint) as app_activity_count,
        cast(coalesce(activity_counts.unconverted_order_count, 0) as bigint)
            as unconverted_order_count,
        -- numerics: money in the reporting currency
        cast(coalesce(activity_counts.gross_revenue_amount, 0) as decimal(38, 3))
            as gross_revenue_amount,
        cast(coalesce(activity_counts.refunded_amount, 0) as decimal(38, 3)) as refunded_amount,
        cast(
            greatest(
                coalesce(activity_counts.gross_revenue_amount, 0)
                - coalesce(activity_counts.refunded_amount, 0),
                0
            ) as decimal(38, 3)
        ) as net_revenue_amount,
        -- booleans
        cast(dim_customers.is_known as boolean) as is_known,
        cast(coalesce(activity_counts.order_count, 0) > 0 as boolean) as has_ordered,
        -- timestamps
        cast(activity_counts.first_activity_at as {{ dbt.type_timestamp() }}) as first_activity_at,
        cast(activity_counts.last_activity_at as {{ dbt.type_timestamp() }}) as last_activity_at,
        cast(activity_counts.last_order_at as {{ dbt.type_timestamp() }}) as last_order_at
    from dim_customers
    left join activity_counts
        on dim_customers.customer_id = activity_counts.customer_id
    left join session_counts
        on dim_customers.customer_id = session_counts.customer_id
)

select * from final
