{#- Customers who used the mobile app before their first order: at least one app activity
    earlier than their first order_placed (wherever that order was placed). Qualified at that
    first order. -#}
with fct_activities as (
    select * from {{ ref('fct_activities') }}
),

first_orders as (
    select
        customer_id,
        min(occurred_at) as first_ordered_at
    from fct_activities
    where activity_type = 'order_placed'
    group by customer_id
),

app_before_order as (
    select distinct first_orders.customer_id
    from first_orders
    inner join fct_activities
        on
            first_orders.customer_id = fct_activities.customer_id
            and fct_activities.channel = 'mobile_app'
            and fct_activities.activity_type not in (
                'order_placed', 'order_cancelled', 'order_refunded'
            )
            and first_orders.first_ordered_at > fct_activities.occurred_at
),

final as (
    select
        first_orders.customer_id,
        first_orders.first_ordered_at as qualified_at
    from first_orders
    inner join app_before_order
        on first_orders.customer_id = app_before_order.customer_id
)

select * from final
